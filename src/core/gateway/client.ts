import { Agent, Dispatcher, errors, request } from 'undici';
import { buildPushPath, GroupingKey } from '../protocol/groupingKey';
import { PushMethod } from '../protocol/pushMethod';
import { failure, Result, success } from '../result';
import { GatewayGroup, parseGroups } from './groups';

export type GatewayCredentials = { readonly kind: 'basic'; readonly user: string; readonly password: string } | { readonly kind: 'bearer'; readonly token: string };

export interface GatewayClientOptions {
  /** e.g. `http://pushgateway:9091` or `https://gw.example/prefix`. */
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  readonly credentials?: GatewayCredentials;
  /** PEM text of extra CA certificates to trust. */
  readonly ca?: string;
  /** Accept any TLS certificate. Off unless the user asked for it for this gateway. */
  readonly allowInsecureTls?: boolean;
}

export type GatewayErrorKind = 'refused' | 'not-found-host' | 'timeout' | 'tls' | 'unauthorized' | 'forbidden' | 'http' | 'invalid-response' | 'too-large' | 'bad-request' | 'network';

/** Why a request failed, in words for the user, with what the gateway said when it answered. */
export interface GatewayError {
  readonly kind: GatewayErrorKind;
  readonly message: string;
  readonly status?: number;
  readonly body?: string;
}

export interface PushRequest {
  readonly key: GroupingKey;
  readonly body: string | Uint8Array;
  readonly method: PushMethod;
  readonly contentType?: string;
}

export interface GatewayStatus {
  readonly version?: string;
  readonly startTime?: string;
  readonly adminApiEnabled: boolean;
  /** The command-line flags the gateway lists, as it writes them (`"true"`, `"5m0s"`). */
  readonly flags?: Readonly<Record<string, string>>;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MIB = 1024 * 1024;
/**
 * The most we read of an answer, so that a broken or hostile gateway cannot fill the extension
 * host's memory: every group's metrics may be big, a status or an error text never is.
 */
export const ANSWER_LIMITS = { metrics: 64 * MIB, other: 1 * MIB } as const;
const TEXT_FORMAT = 'text/plain; version=0.0.4; charset=utf-8';
const TLS_ERROR_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/**
 * Talks to one Pushgateway: push, delete, list groups, status. Every method answers with a Result;
 * nothing is thrown, and credentials never appear in a message.
 */
export class GatewayClient {
  private readonly dispatcher: Dispatcher;
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly authorization?: string;

  constructor(options: GatewayClientOptions) {
    this.base = new URL(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.authorization = authorizationHeader(options.credentials, this.base);
    this.base.username = '';
    this.base.password = '';
    this.dispatcher = new Agent({
      connect: { timeout: this.timeoutMs, ca: options.ca, rejectUnauthorized: !options.allowInsecureTls },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  /** The base URL without credentials (or a trailing slash): for messages and logs, and for URLs of the same gateway. */
  get baseUrl(): string {
    return this.base.toString().replace(/\/$/, '');
  }

  async push(push: PushRequest): Promise<Result<void, GatewayError>> {
    const path = buildPushPath(push.key, this.base.pathname);
    if (!path.ok) {
      return failure({ kind: 'bad-request', message: `cannot push: ${path.error}` });
    }
    const answer = await this.send(push.method, path.value, asText(), { body: push.body, contentType: push.contentType ?? TEXT_FORMAT });
    return answer.ok ? expectStatus(answer.value, [200, 202]) : answer;
  }

  /** Deletes a group. The gateway answers 202 whether or not the group existed, and applies it a moment later. */
  async deleteGroup(key: GroupingKey): Promise<Result<void, GatewayError>> {
    const path = buildPushPath(key, this.base.pathname);
    if (!path.ok) {
      return failure({ kind: 'bad-request', message: `cannot delete: ${path.error}` });
    }
    const answer = await this.send('DELETE', path.value, asText());
    return answer.ok ? expectStatus(answer.value, [202, 200]) : answer;
  }

  /** Deletes every group at once; only works when the gateway runs with --web.enable-admin-api. */
  async wipe(): Promise<Result<void, GatewayError>> {
    const answer = await this.send('PUT', this.apiPath('/api/v1/admin/wipe'), asText());
    if (answer.ok && answer.value.status === 404) {
      return failure({ kind: 'http', status: 404, message: 'the admin API is not enabled on this gateway (start it with --web.enable-admin-api)' });
    }
    return answer.ok ? expectStatus(answer.value, [202, 200]) : answer;
  }

  /** Every group with its metrics, from one `GET /api/v1/metrics`. */
  async groups(): Promise<Result<GatewayGroup[], GatewayError>> {
    const body = await this.readApi('/api/v1/metrics', ANSWER_LIMITS.metrics);
    if (!body.ok) {
      return body;
    }
    const groups = parseGroups(body.value);
    return groups.ok ? groups : failure({ kind: 'invalid-response', message: `${this.baseUrl} did not answer like a Pushgateway: ${groups.error}` });
  }

  async status(): Promise<Result<GatewayStatus, GatewayError>> {
    const body = await this.readApi('/api/v1/status');
    if (!body.ok) {
      return body;
    }
    try {
      const data = (JSON.parse(body.value) as { data?: { build_information?: { version?: string }; flags?: Record<string, string>; start_time?: string } }).data;
      return success({
        version: data?.build_information?.version,
        startTime: data?.start_time,
        adminApiEnabled: data?.flags?.['web.enable-admin-api'] === 'true',
        flags: data?.flags ?? {},
      });
    } catch {
      return failure({ kind: 'invalid-response', message: `${this.baseUrl}/api/v1/status did not answer JSON` });
    }
  }

  /** The HTTP status `/-/healthy` or `/-/ready` answers with (200 when healthy or ready). */
  async probe(path: '/-/healthy' | '/-/ready'): Promise<Result<number, GatewayError>> {
    const answer = await this.send('GET', this.apiPath(path), asText());
    return answer.ok ? success(answer.value.status) : answer;
  }

  /**
   * The lines of the gateway's own `/metrics` that start with one of `names`, read as a stream: that
   * page also holds every pushed group, so only the wanted lines are kept, and reading stops after
   * the metrics answer limit.
   */
  async ownMetricLines(names: readonly string[]): Promise<Result<string[], GatewayError>> {
    const limitBytes = ANSWER_LIMITS.metrics;
    const wanted = (line: string) => names.some((name) => line.startsWith(name));
    const answer = await this.send('GET', this.apiPath('/metrics'), { limitBytes, read: (body) => readLinesBounded(body, limitBytes, wanted) });
    if (!answer.ok) {
      return answer;
    }
    const checked = expectStatus({ status: answer.value.status, body: '' }, [200]);
    return checked.ok ? success(answer.value.body) : checked;
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /** The body of a GET of an API path, when the gateway answers 200. */
  private async readApi(path: string, limitBytes: number = ANSWER_LIMITS.other): Promise<Result<string, GatewayError>> {
    const answer = await this.send('GET', this.apiPath(path), asText(limitBytes));
    if (!answer.ok) {
      return answer;
    }
    const checked = expectStatus(answer.value, [200]);
    return checked.ok ? success(answer.value.body) : checked;
  }

  private apiPath(path: string): string {
    return `${this.base.pathname.replace(/\/+$/, '')}${path}`;
  }

  /** One request: its answer's status and body, read by `reader`. Every failure is a GatewayError that names the request. */
  private async send<Body>(
    method: string,
    path: string,
    reader: BodyReader<Body>,
    options: { body?: string | Uint8Array; contentType?: string } = {},
  ): Promise<Result<{ status: number; body: Body }, GatewayError>> {
    const { limitBytes, read } = reader;
    const headers: Record<string, string> = {};
    if (this.authorization) {
      headers.authorization = this.authorization;
    }
    if (options.contentType) {
      headers['content-type'] = options.contentType;
    }
    const url = new URL(path, this.base);
    const what = `${method} ${this.baseUrl}${path.slice(this.base.pathname.replace(/\/+$/, '').length)}`;
    try {
      const response = await request(url, { method: method as Dispatcher.HttpMethod, headers, body: options.body, dispatcher: this.dispatcher, signal: AbortSignal.timeout(this.timeoutMs) });
      const body = await read(response.body);
      if (body === undefined) {
        return failure({ kind: 'too-large', status: response.statusCode, message: `${what}: the gateway's answer is larger than ${limitBytes / MIB} MB; not read` });
      }
      return success({ status: response.statusCode, body });
    } catch (error) {
      return failure(describeNetworkError(error, what, this.timeoutMs));
    }
  }
}

interface BodyReader<Body> {
  readonly limitBytes: number;
  /** Reads the answer's body; undefined once it passes `limitBytes` (and the connection dropped). */
  readonly read: (body: Dispatcher.ResponseData['body']) => Promise<Body | undefined>;
}

/** The answer's body as UTF-8 text. */
function asText(limitBytes: number = ANSWER_LIMITS.other): BodyReader<string> {
  return { limitBytes, read: (body) => readBounded(body, limitBytes) };
}

/** The body as UTF-8 text, or undefined (and the connection dropped) once it passes `limitBytes`. */
async function readBounded(body: Dispatcher.ResponseData['body'], limitBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** The lines `keep` accepts, holding at most one partial line besides them; undefined (and the connection dropped) once the body passes `limitBytes`. */
async function readLinesBounded(body: Dispatcher.ResponseData['body'], limitBytes: number, keep: (line: string) => boolean): Promise<string[] | undefined> {
  const kept: string[] = [];
  let size = 0;
  // The unfinished line as pieces, joined once its end comes: a long line costs its length, not its length squared.
  let pieces: string[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      body.destroy();
      return undefined;
    }
    const text = chunk.toString('latin1');
    if (!text.includes('\n')) {
      pieces.push(text);
      continue;
    }
    const lines = text.split('\n');
    lines[0] = pieces.join('') + lines[0];
    pieces = [lines.pop() ?? ''];
    for (const line of lines) {
      if (keep(line)) {
        kept.push(Buffer.from(line, 'latin1').toString('utf8'));
      }
    }
  }
  const partial = pieces.join('');
  if (partial !== '' && keep(partial)) {
    kept.push(Buffer.from(partial, 'latin1').toString('utf8'));
  }
  return kept;
}

/** `user:p%40ss@host` means the password `p@ss`; a `%` that starts no escape is taken as written (curl does the same). */
function decodeUserinfo(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function authorizationHeader(credentials: GatewayCredentials | undefined, base: URL): string | undefined {
  if (credentials?.kind === 'bearer') {
    return `Bearer ${credentials.token}`;
  }
  const user = credentials?.kind === 'basic' ? credentials.user : decodeUserinfo(base.username);
  const password = credentials?.kind === 'basic' ? credentials.password : decodeUserinfo(base.password);
  return user || password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;
}

function expectStatus(answer: Answer, accepted: readonly number[]): Result<void, GatewayError> {
  if (accepted.includes(answer.status)) {
    return success(undefined);
  }
  const said = answer.body.trim();
  if (answer.status === 401) {
    return failure({ kind: 'unauthorized', status: 401, body: said, message: 'the gateway asks for credentials (401): set them with "Pushgateway: Set Credentials"' });
  }
  if (answer.status === 403) {
    return failure({ kind: 'forbidden', status: 403, body: said, message: `the gateway refused access (403)${said ? `: ${said}` : ''}` });
  }
  return failure({ kind: 'http', status: answer.status, body: said, message: `the gateway answered ${answer.status}${said ? `: ${said}` : ''}` });
}

function errorCode(error: unknown): string | undefined {
  const withCode = error as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof withCode?.cause?.code === 'string' ? withCode.cause.code : withCode?.code;
  return typeof code === 'string' ? code : undefined;
}

export function describeNetworkError(error: unknown, what: string, timeoutMs: number): GatewayError {
  const code = errorCode(error);
  const name = (error as { name?: string })?.name;
  if (code === 'ECONNREFUSED') {
    return { kind: 'refused', message: `${what}: connection refused (is the gateway running, and is the port right?)` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { kind: 'not-found-host', message: `${what}: the host name could not be resolved` };
  }
  if (name === 'TimeoutError' || name === 'AbortError' || error instanceof errors.ConnectTimeoutError || error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) {
    return { kind: 'timeout', message: `${what}: no answer within ${timeoutMs / 1000} s` };
  }
  if (code && (TLS_ERROR_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))) {
    return { kind: 'tls', message: `${what}: TLS failed (${code}); trust its CA with a CA file, or allow insecure TLS for this gateway if you must` };
  }
  const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return { kind: 'network', message: `${what}: ${detail}` };
}
