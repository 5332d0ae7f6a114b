import * as http from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { StatusInfo } from './output/api';
import { Micros, WriteClock } from './clock';
import { BodyFailure, GatewayContext, IncomingRequest, serve } from './http/dispatch';
import { PushLog, DEFAULT_LOG_CAPACITY, DEFAULT_LOG_MAX_BYTES } from './http/pushLog';
import { goDurationText } from '../goemu/goFormat';
import { DEFAULT_PERSISTENCE_INTERVAL_MS, loadStoreFile, StorePersister } from './store/persistenceFile';
import { PersistenceError } from './store/persistenceFormat';
import { parseRawRequest, rawResponse } from './http/rawHttp';
import { badRequestLine, Reply } from './http/replies';
import { RequestMetrics } from './store/requestMetrics';
import { apiRouter, mainRouter } from './http/routes';
import { DEFAULT_PUSH_LIMITS } from './http/handlers';
import { SelfMetrics } from './store/selfMetrics';
import { MockStore } from './store/store';
import { CHECK_RULES_1_5, CHECK_RULES_1_11 } from './store/metricChecks';
import { DEFAULT_GATEWAY_TARGET, GatewayTarget } from '../protocol/gatewayTarget';

// A mock Pushgateway (1.11.2 by default, or 1.5.1, see GatewayTarget) in plain Node: the same
// routes, answers and store semantics as the real one (see the other modules of this folder), with
// a request body limit the real one does not have, a log of every request at GET /mock/v1/log
// (see pushLog.ts), and no web UI.

export interface MockGatewayOptions {
  /** Which gateway to answer like, and with which switches; default Pushgateway 1.11 without switches. */
  target?: GatewayTarget;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; default 9091, 0 picks a free one. */
  port?: number;
  /** Like --web.enable-admin-api: serve PUT /api/v1/admin/wipe. */
  adminApi?: boolean;
  /** Request bodies above this many bytes (also after gunzip) are answered 413; default 64 MiB. */
  bodyLimitBytes?: number;
  /** The clock (push times, time stamps); default the system clock. */
  now?: () => Date;
  /** How many requests the log keeps; default 1000. */
  logCapacity?: number;
  /** How many bytes of JSON the log's entries may take; default 8 MiB (older entries are dropped). */
  logMaxBytes?: number;
  /** A push with more metric families is answered 413 and not stored; default 100 000. */
  maxFamiliesPerPush?: number;
  /** A push with more series (metrics, all families together) is answered 413 and not stored; default 1 000 000. */
  maxSeriesPerPush?: number;
  /** A client that has not sent a whole request head after this long is answered 408 and cut; default 10 s. */
  headerTimeoutMs?: number;
  /**
   * Requests on one connection are answered one after the other, the next once the last answer
   * was taken by the client (like Go's server); a connection with more requests than this
   * waiting is closed; default 100.
   */
  maxPipelinedRequests?: number;
  /**
   * Like --persistence.file: the store is loaded from this file on start (a missing file is an
   * empty store; an unreadable or corrupt one makes the start fail) and written to it on the
   * interval when it changed, and on close(). See persistence.ts for the format.
   */
  persistenceFile?: string;
  /** Like --persistence.interval; default 5 minutes. */
  persistenceIntervalMs?: number;
  /** Told about a failed interval write (the server keeps running); default: console.error. */
  onPersistenceError?: (error: PersistenceError) => void;
  /**
   * Answer 401 to any request without these credentials, like a gateway started with a web config
   * that sets basic_auth_users (or a proxy that wants a bearer token).
   */
  auth?: { readonly user: string; readonly password: string } | { readonly bearerToken: string };
}

export interface MockGateway {
  /** http://host:port */
  readonly url: string;
  readonly port: number;
  readonly store: MockStore;
  readonly log: PushLog;
  /** How many client connections the server holds open now. */
  openConnections(): Promise<number>;
  /** Stops the server; with a persistence file, then writes it (rejects when that fails). */
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 64 * 1024 * 1024;
/** The real gateway accepts request lines and headers up to Go's 1 MiB default. */
const MAX_HEADER_BYTES = 1024 * 1024;
export const DEFAULT_HEADER_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_PIPELINED_REQUESTS = 100;
/** A whole request (head and body) may take this long, like Node's default. */
const REQUEST_TIMEOUT_MS = 300_000;

function firstHeader(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headersDistinct[name]?.[0];
  return value ?? (typeof req.headers[name] === 'string' ? req.headers[name] : undefined);
}

function readNodeBody(req: http.IncomingMessage, limit: number): Promise<Buffer | BodyFailure> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.resolve('tooLarge');
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: Buffer | BodyFailure) => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        settle('tooLarge');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(Buffer.concat(chunks)));
    req.on('error', () => settle('aborted'));
    req.on('close', () => settle(req.complete ? Buffer.concat(chunks) : 'aborted'));
  });
}

/** Resolves once the answer is written and the connection's send buffer has drained (or it closed). */
function answerTaken(res: http.ServerResponse, socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const whenDrained = () => {
      if (socket.destroyed || !socket.writableNeedDrain) {
        resolve();
        return;
      }
      socket.once('drain', resolve);
      socket.once('close', resolve);
    };
    if (res.writableFinished || socket.destroyed) {
      whenDrained();
      return;
    }
    res.once('finish', whenDrained);
    res.once('close', whenDrained);
  });
}

/**
 * The requests of one connection, answered in turn: a client that pipelines hundreds of requests
 * without reading the answers gets one rendered at a time (memory stays bounded, and the event
 * loop serves other clients), and past `limit` waiting requests its connection is closed.
 */
class ConnectionTurns {
  private waiting = 0;
  private last: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Socket,
    private readonly limit: number,
  ) {}

  take(res: http.ServerResponse, answer: () => Promise<void>): void {
    if (this.waiting >= this.limit) {
      this.socket.destroy();
      return;
    }
    this.waiting++;
    this.last = this.last.then(async () => {
      try {
        if (!this.socket.destroyed) {
          await answer();
          await answerTaken(res, this.socket);
        }
      } catch {
        // An answer that failed leaves the connection in no known state: close it, and keep the chain alive.
        this.socket.destroy();
      } finally {
        this.waiting--;
      }
    });
  }
}

/** computeApproximateRequestSize: URL, method, protocol, header names and values, host, declared length. */
function approximateSize(req: http.IncomingMessage): number {
  let size = (req.url ?? '').length + (req.method ?? '').length + `HTTP/${req.httpVersion}`.length;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    size += req.rawHeaders[i].length + req.rawHeaders[i + 1].length;
  }
  const declared = Number(req.headers['content-length']);
  return size + (Number.isFinite(declared) ? declared : 0);
}

function nodeRequest(req: http.IncomingMessage): IncomingRequest {
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    header: (name) => firstHeader(req, name),
    readBody: (limit) => readNodeBody(req, limit),
    approximateSize: () => approximateSize(req),
  };
}

function writeNodeReply(res: http.ServerResponse, reply: Reply): void {
  if (res.headersSent || res.writableEnded) {
    return;
  }
  if (reply.drop === true) {
    res.socket?.destroy();
    return;
  }
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers)) {
    res.setHeader(name, value);
  }
  if (reply.close === true) {
    res.setHeader('Connection', 'close');
  }
  res.end(reply.body);
}

function errorCode(error: Error): string | undefined {
  return 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function rawPacketOf(error: Error): Buffer | undefined {
  return 'rawPacket' in error && Buffer.isBuffer(error.rawPacket) ? error.rawPacket : undefined;
}

/** The answer to a request Node's parser refused (or timed out) before it became a request. */
function clientErrorReply(code: string | undefined): Reply {
  const text = { 'Content-Type': 'text/plain; charset=utf-8' };
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, headers: text, body: '431 Request Header Fields Too Large' };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, headers: text, body: '408 Request Timeout', close: true };
  }
  return badRequestLine();
}

/**
 * Sends the last answer on a connection and then frees it: the server's sockets are half-open, so
 * ending alone would keep the socket (and its file descriptor) until the peer closes its side.
 */
function answerAndClose(socket: Socket, bytes: Buffer | string): void {
  socket.end(bytes, () => socket.destroy());
}

/** Requests Node's parser refuses: unknown methods are routed like any other, the rest answered like Go does. */
function onClientError(error: Error, socket: Socket, context: GatewayContext): void {
  socket.on('error', () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const code = errorCode(error);
  const packet = rawPacketOf(error);
  const raw = code === 'HPE_INVALID_METHOD' && packet !== undefined ? parseRawRequest(packet) : undefined;
  if (raw === undefined) {
    answerAndClose(socket, rawResponse(clientErrorReply(code)));
    return;
  }
  const request: IncomingRequest = {
    method: raw.method,
    url: raw.url,
    header: (name) => raw.headers.get(name),
    readBody: (limit) => Promise.resolve(raw.body.length > limit ? 'tooLarge' : raw.body),
    approximateSize: () => raw.headBytes + raw.body.length,
  };
  void serve(request, context, (reply) => (reply.drop === true ? socket.destroy() : answerAndClose(socket, rawResponse(reply))));
}

/** The release each target answers like, with the Go it was built with (Debian's builds). */
const BUILDS: Record<GatewayTarget['version'], { version: string; goVersion: string }> = {
  '1.11': { version: '1.11.2', goVersion: 'go1.24.13' },
  '1.5': { version: '1.5.1', goVersion: 'go1.19.8' },
};

/** The flags 1.11 lists besides those of 1.5: `push.enable-utf8-names` (sorted in by the JSON). */
function versionFlags(target: GatewayTarget): Record<string, string> {
  return target.version === '1.5' ? {} : { 'push.enable-utf8-names': String(target.utf8Names) };
}

function statusInfo(adminApi: boolean, startTime: Micros, target: GatewayTarget): StatusInfo {
  return {
    startTime,
    buildInformation: {
      branch: 'mock',
      buildDate: '',
      buildUser: 'pushgateway-workbench',
      goVersion: BUILDS[target.version].goVersion,
      revision: 'pushgateway-workbench mock',
      version: BUILDS[target.version].version,
    },
    flags: {
      ...versionFlags(target),
      'log.format': 'logfmt',
      'log.level': 'info',
      'persistence.file': '',
      'persistence.interval': '5m0s',
      'push.disable-consistency-check': String(target.consistencyCheckDisabled),
      'web.config.file': '',
      'web.enable-admin-api': String(adminApi),
      'web.enable-lifecycle': 'false',
      'web.external-url': '',
      'web.listen-address': '',
      'web.local-assets': '',
      'web.route-prefix': '',
      'web.systemd-socket': 'false',
      'web.telemetry-path': '/metrics',
    },
  };
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function startPersister(options: MockGatewayOptions, store: MockStore, status: StatusInfo): StorePersister | undefined {
  if (options.persistenceFile === undefined) {
    return undefined;
  }
  const intervalMs = options.persistenceIntervalMs ?? DEFAULT_PERSISTENCE_INTERVAL_MS;
  status.flags['persistence.file'] = options.persistenceFile;
  status.flags['persistence.interval'] = goDurationText(intervalMs);
  const persister = new StorePersister(options.persistenceFile, store, options.onPersistenceError ?? ((error) => console.error(error.message)));
  persister.start(intervalMs);
  return persister;
}

/** Starts a mock gateway; resolves once it listens (and, with a persistence file, has loaded it). */
const UNAUTHORIZED: Reply = {
  status: 401,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Basic' },
  body: 'Unauthorized\n',
};

function authorizationOf(auth: MockGatewayOptions['auth']): string | undefined {
  if (!auth) {
    return undefined;
  }
  return 'bearerToken' in auth ? `Bearer ${auth.bearerToken}` : `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
}

/** 1.5 has no UTF-8 names (the flag came with 1.11.0). */
function effectiveTarget(target: GatewayTarget | undefined): GatewayTarget {
  const chosen = target ?? DEFAULT_GATEWAY_TARGET;
  return chosen.version === '1.5' && chosen.utf8Names ? { ...chosen, utf8Names: false } : chosen;
}

export async function startMockGateway(options: MockGatewayOptions = {}): Promise<MockGateway> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? (() => new Date());
  const startTime: Micros = now().getTime() * 1000;
  const self = new SelfMetrics(startTime / 1e6, new RequestMetrics(() => now().getTime()));
  const target = effectiveTarget(options.target);
  const store = new MockStore(self, new WriteClock(now), target.version === '1.5' ? CHECK_RULES_1_5 : CHECK_RULES_1_11);
  const log = new PushLog(options.logCapacity ?? DEFAULT_LOG_CAPACITY, options.logMaxBytes ?? DEFAULT_LOG_MAX_BYTES);
  const adminApi = options.adminApi ?? false;
  const status = statusInfo(adminApi, startTime, target);
  const context: GatewayContext = {
    env: {
      store,
      self,
      status,
      target,
      pushLimits: {
        maxFamilies: options.maxFamiliesPerPush ?? DEFAULT_PUSH_LIMITS.maxFamilies,
        maxSeries: options.maxSeriesPerPush ?? DEFAULT_PUSH_LIMITS.maxSeries,
      },
    },
    log,
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    main: mainRouter(),
    api: apiRouter(adminApi),
    now,
    boundHost: host,
  };
  const expectedAuthorization = authorizationOf(options.auth);
  const headersTimeout = options.headerTimeoutMs ?? DEFAULT_HEADER_TIMEOUT_MS;
  const serverOptions: http.ServerOptions = {
    maxHeaderSize: MAX_HEADER_BYTES,
    headersTimeout,
    requestTimeout: Math.max(REQUEST_TIMEOUT_MS, headersTimeout),
    // How often Node looks for timed-out heads: often enough that the timeout is kept closely.
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(headersTimeout / 4))),
  };
  const maxPipelined = options.maxPipelinedRequests ?? DEFAULT_MAX_PIPELINED_REQUESTS;
  const turns = new WeakMap<Socket, ConnectionTurns>();
  const server = http.createServer(serverOptions, (req, res) => {
    const socket = req.socket;
    let connection = turns.get(socket);
    if (connection === undefined) {
      connection = new ConnectionTurns(socket, maxPipelined);
      turns.set(socket, connection);
    }
    connection.take(res, async () => {
      if (expectedAuthorization !== undefined && req.headers.authorization !== expectedAuthorization) {
        writeNodeReply(res, UNAUTHORIZED);
        return;
      }
      await serve(nodeRequest(req), context, (reply) => writeNodeReply(res, reply));
    });
  });
  server.on('clientError', (error, socket) => onClientError(error, socket as Socket, context));
  if (options.persistenceFile !== undefined) {
    await loadStoreFile(options.persistenceFile, store);
  }
  const port = await listen(server, options.port ?? 9091, host);
  status.flags['web.listen-address'] = `${host}:${port}`;
  const persister = startPersister(options, store, status);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    log,
    openConnections: () => new Promise<number>((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await persister?.stop();
    },
  };
}
