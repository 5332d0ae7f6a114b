import { handleApi, handleMain, HandlerEnv, LoadedBody, pauseFor, RoutedRequest } from './handlers';
import { cleanPath, parseRequestTarget, RequestTarget, urlString } from '../../goemu/goUrl';
import { BodyTooLarge, gunzipLikeGo } from '../body/gzipBody';
import { PushLog, PushLogEntry } from './pushLog';
import { browserRefusal } from './browserGuard';
import { badRequestLine, empty, httpError, json, methodNotAllowed, notFound, redirect, Reply } from './replies';
import { API_PREFIX, ApiHandler, apiRouter, MainHandler, mainRouter } from './routes';
import { RouteResult } from './router/router';
import { GroupingLabels } from '../store/sanitize';
import { unsnappyLikeGo } from '../body/snappyBody';
import { GatewayVersion } from '../../protocol/gatewayTarget';
import { boundHint } from './boundHints';

// From a request to the mock gateway's answer, independent of the transport: Go's ServeMux (clean
// paths, /api/v1/ stripped), the gzip wrapper, the two routers, the handlers, the request metrics
// and the push log.

export const LOG_PATH = '/mock/v1/log';

export type BodyFailure = 'tooLarge' | 'aborted';

export interface GatewayContext {
  readonly env: HandlerEnv;
  readonly log: PushLog;
  readonly bodyLimit: number;
  readonly main: ReturnType<typeof mainRouter>;
  readonly api: ReturnType<typeof apiRouter>;
  /** The clock of the log's time stamps. */
  readonly now: () => Date;
  /** The interface the mock listens on: requests from web pages for other hosts are refused (see browserGuard.ts). */
  readonly boundHost?: string;
}

/** A request reduced to what the gateway looks at; also built from a raw request line (unknown methods). */
export interface IncomingRequest {
  readonly method: string;
  readonly url: string;
  header(name: string): string | undefined;
  /** The whole body; 'tooLarge' past the limit, 'aborted' when the client went away before its end. */
  readBody(limit: number): Promise<Buffer | BodyFailure>;
  /** client_golang's computeApproximateRequestSize, for the push size summary. */
  approximateSize(): number;
}

interface LogNotes {
  groupingKey?: GroupingLabels;
  families?: string[];
  bodyBytes?: number;
}

function tooLarge(limit: number): Reply {
  return {
    ...httpError(413, `request body too large: the mock gateway accepts at most ${limit} bytes ${boundHint('body')}`),
    close: true,
  };
}

type ContentEncoding = 'gzip' | 'snappy' | undefined;

/** The Content-Encoding the gateway decodes: exactly `gzip` for 1.5; `gzip` or `snappy` in any case for 1.11. */
function contentEncodingOf(request: IncomingRequest, version: GatewayVersion): ContentEncoding {
  const header = request.header('content-encoding');
  if (version === '1.5') {
    return header === 'gzip' ? 'gzip' : undefined;
  }
  const lower = header?.toLowerCase();
  return lower === 'gzip' || lower === 'snappy' ? lower : undefined;
}

/** The body decoding wrapper of the main router (gunzipRequest), and plain bodies: reads the body once. */
function bodyLoader(request: IncomingRequest, limit: number, notes: LogNotes, encoding: ContentEncoding, version: GatewayVersion): () => Promise<LoadedBody | Reply> {
  let loaded: Promise<LoadedBody | Reply> | undefined;
  return () => {
    loaded ??= (async () => {
      const raw = await request.readBody(limit);
      if (raw === 'tooLarge') {
        return tooLarge(limit);
      }
      if (raw === 'aborted') {
        // What Go's body reader reports for a connection that ends early; nothing is stored.
        return httpError(400, 'unexpected EOF');
      }
      notes.bodyBytes = raw.length;
      if (encoding === undefined) {
        return { stream: { data: raw } };
      }
      await pauseFor(raw.length)();
      try {
        if (encoding === 'snappy') {
          return { stream: unsnappyLikeGo(raw, limit) };
        }
        const gunzipped = await gunzipLikeGo(raw, limit);
        if (!gunzipped.ok) {
          return httpError(400, gunzipped.headerError);
        }
        // 1.11's parser reports a stream error also where it meets it at a line start.
        return { stream: version === '1.5' ? gunzipped.stream : { ...gunzipped.stream, errorAtLineStart: true } };
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          return tooLarge(limit);
        }
        throw error;
      }
    })();
    return loaded;
  };
}

function routedRequest(request: IncomingRequest, params: ReadonlyMap<string, string>, loadBody: () => Promise<LoadedBody | Reply>, notes: LogNotes): RoutedRequest {
  return {
    method: request.method,
    params,
    contentType: request.header('content-type'),
    acceptEncoding: request.header('accept-encoding'),
    accept: request.header('accept'),
    loadBody,
    note: (details) => Object.assign(notes, details),
  };
}

/** What the router answers itself: redirects, OPTIONS, 405 and 404. */
function routerReply<H>(result: Exclude<RouteResult<H>, { kind: 'handle' }>, request: IncomingRequest, target: RequestTarget): Reply {
  switch (result.kind) {
    case 'redirect':
      return redirect(request.method, result.status, urlString(result.path, target.rawQuery, target.hasQuery));
    case 'options':
      return empty(200, { Allow: result.allow });
    case 'methodNotAllowed':
      return methodNotAllowed(result.allow);
    case 'notFound':
      return notFound();
  }
}

/** The name the gateway's instrumentation counts a handler under (pushgateway_http_requests_total), if it does. */
function instrumentedName(handler: MainHandler | ApiHandler): string | undefined {
  const names: Partial<Record<(MainHandler | ApiHandler)['kind'], string>> = {
    healthy: 'healthy',
    ready: 'ready',
    push: 'push',
    delete: 'delete',
    static: 'static',
    statusPage: 'status',
    apiOptions: 'api/v1/options',
    apiStatus: 'api/v1/status',
    apiMetrics: 'api/v1/metrics',
    wipe: 'wipe',
  };
  return names[handler.kind];
}

/** Runs a handler and counts it afterwards, as promhttp's instrumentation does. */
async function instrumented(handler: MainHandler | ApiHandler, request: IncomingRequest, context: GatewayContext, run: () => Promise<Reply> | Reply): Promise<Reply> {
  const started = performance.now();
  const reply = await run();
  const name = instrumentedName(handler);
  // A dropped connection is a panic in the real handler: nothing is counted.
  if (name !== undefined && reply.drop !== true) {
    const requests = context.env.self.requests;
    requests.countRequest(name, reply.status, request.method);
    if (handler.kind === 'push') {
      requests.observePush(request.method, request.approximateSize(), (performance.now() - started) / 1000);
    }
  }
  return reply;
}

async function answer(request: IncomingRequest, context: GatewayContext, notes: LogNotes): Promise<Reply> {
  if (request.url === '*') {
    // Go's server answers "OPTIONS *" itself; ServeMux refuses "*" for any other method.
    return request.method === 'OPTIONS' ? empty(200) : { ...empty(400), close: true };
  }
  const target = parseRequestTarget(request.url);
  if (target === undefined) {
    return badRequestLine();
  }
  // http.ServeMux: "/api/v1" gets its slash, an unclean path is redirected to its clean form.
  const cleaned = cleanPath(target.path);
  if (cleaned === API_PREFIX) {
    return redirect(request.method, 301, urlString(`${API_PREFIX}/`, target.rawQuery, false));
  }
  if (cleaned !== target.path) {
    return redirect(request.method, 301, urlString(cleaned, target.rawQuery, false));
  }
  const encoding = contentEncodingOf(request, context.env.target.version);
  const loadBody = bodyLoader(request, context.bodyLimit, notes, encoding, context.env.target.version);
  if (target.path.startsWith(`${API_PREFIX}/`)) {
    // http.StripPrefix: the API router sees (and redirects to) paths without /api/v1.
    const stripped = target.path.slice(API_PREFIX.length);
    const result = context.api.route(request.method, stripped);
    if (result.kind !== 'handle') {
      return routerReply(result, request, { ...target, path: stripped });
    }
    return instrumented(result.handle, request, context, () => handleApi(result.handle, context.env));
  }
  if (encoding === 'gzip') {
    // gunzipRequest reads the gzip header before any routing.
    const body = await loadBody();
    if ('status' in body) {
      return body;
    }
  }
  const result = context.main.route(request.method, target.path);
  if (result.kind !== 'handle') {
    return routerReply(result, request, target);
  }
  const routed = routedRequest(request, result.params, loadBody, notes);
  return instrumented(result.handle, request, context, () => handleMain(result.handle, routed, context.env));
}

function logReply(request: IncomingRequest, context: GatewayContext): Reply {
  if (request.method !== 'GET') {
    return methodNotAllowed('GET');
  }
  return json(`${JSON.stringify(context.log.toJSON())}\n`);
}

function isMockApi(url: string): boolean {
  return url === LOG_PATH || url.startsWith(`${LOG_PATH}?`) || url.startsWith('/mock/');
}

function errorText(reply: Reply): string | undefined {
  if (reply.drop === true) {
    return 'no answer: the connection was closed, as Pushgateway 1.11.2 does for this push';
  }
  if (reply.status < 400) {
    return undefined;
  }
  return (typeof reply.body === 'string' ? reply.body : reply.body.toString('utf8')).replace(/\n$/, '');
}

function writeSafely(write: (reply: Reply) => void, reply: Reply): void {
  try {
    write(reply);
  } catch {
    // The client is gone: nobody to answer.
  }
}

/** Answers one request and logs it. Never rejects: an internal error is answered 500. */
export async function serve(request: IncomingRequest, context: GatewayContext, write: (reply: Reply) => void): Promise<void> {
  const refusal = context.boundHost === undefined ? undefined : browserRefusal(request, context.boundHost);
  if (refusal !== undefined) {
    // Not logged either: a page probing the mock must not fill its log.
    writeSafely(write, refusal);
    return;
  }
  if (isMockApi(request.url)) {
    writeSafely(write, request.url.split('?')[0] === LOG_PATH ? logReply(request, context) : notFound());
    return;
  }
  const time = context.now().toISOString();
  const notes: LogNotes = {};
  let reply: Reply;
  try {
    reply = await answer(request, context, notes);
  } catch (error) {
    reply = httpError(500, `internal error in the mock gateway: ${error instanceof Error ? error.message : String(error)}`);
  }
  writeSafely(write, reply);
  const contentLength = Number(request.header('content-length') ?? 0);
  const entry: PushLogEntry = {
    time,
    method: request.method,
    path: request.url,
    groupingKey: notes.groupingKey,
    status: reply.status,
    error: errorText(reply),
    bodyBytes: notes.bodyBytes ?? (Number.isFinite(contentLength) ? contentLength : 0),
    answerBytes: Buffer.byteLength(reply.body),
    families: notes.families ?? [],
  };
  context.log.add(entry);
}
