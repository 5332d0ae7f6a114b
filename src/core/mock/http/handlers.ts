import * as zlib from 'node:zlib';
import { metricsJson, StatusInfo, statusJson } from '../output/api';
import { multiErrorText } from '../store/consistency';
import { BodyStream } from '../body/gzipBody';
import { decodePushBody } from '../body/pushBody';
import { groupingFromRoute } from './pushPath';
import { exposedFamilies, renderExposition } from '../output/render';
import { negotiateFormat, negotiateGzip } from '../output/negotiate';
import { encodeDelimitedFamilies } from '../output/protobufOut';
import { CORS_HEADERS, DROPPED, empty, httpError, json, notFound, Reply, sniffedText } from './replies';
import { boundHint } from './boundHints';
import { ApiHandler, MainHandler } from './routes';
import { GroupingLabels } from '../store/sanitize';
import { SelfMetrics } from '../store/selfMetrics';
import { MockStore } from '../store/store';
import { Pause, preparePush } from '../store/preparePush';
import { MetricFamily } from '../model';
import { GatewayTarget } from '../../protocol/gatewayTarget';
import { NameValidation } from '../../protocol/nameEscaping';

// What each route of the gateway answers. The HTTP plumbing (routing, redirects, body limits,
// logging) is in dispatch.ts and server.ts; these functions only turn a routed request into a Reply.

export interface HandlerEnv {
  readonly store: MockStore;
  readonly self: SelfMetrics;
  readonly status: StatusInfo;
  readonly target: GatewayTarget;
  /** Bounds the real gateway does not have; a push beyond them is answered 413 and not stored. */
  readonly pushLimits?: PushLimits;
}

export interface PushLimits {
  readonly maxFamilies: number;
  readonly maxSeries: number;
}

export const DEFAULT_PUSH_LIMITS: PushLimits = { maxFamilies: 100_000, maxSeries: 1_000_000 };

/** A request body as the handler reads it: what the body reader serves (gunzipped if it came gzipped). */
export interface LoadedBody {
  readonly stream: BodyStream;
}

export interface RoutedRequest {
  readonly method: string;
  readonly params: ReadonlyMap<string, string>;
  readonly contentType?: string;
  readonly acceptEncoding?: string;
  readonly accept?: string;
  /** The body, or the Reply to send instead (413 over the limit, 400 for a gzip header or a cut connection). */
  readonly loadBody: () => Promise<LoadedBody | Reply>;
  /** Adds details to the request's log entry. */
  readonly note: (details: { groupingKey?: GroupingLabels; families?: string[] }) => void;
}

function isReply(value: LoadedBody | Reply): value is Reply {
  return 'status' in value;
}

export async function handleMain(handler: MainHandler, request: RoutedRequest, env: HandlerEnv): Promise<Reply> {
  switch (handler.kind) {
    case 'healthy':
    case 'ready':
      return sniffedText(200, 'OK');
    case 'metrics':
      return metricsReply(request, env);
    case 'push':
      return push(request, env, handler.replace, handler.jobBase64);
    case 'delete':
      return deleteGroup(request, env, handler.jobBase64);
    case 'statusPage':
      return statusPage(env);
    case 'lifecycleDisabled':
      return sniffedText(403, 'Lifecycle API is not enabled.');
    case 'quitGet':
      return sniffedText(405, 'Only POST or PUT requests allowed.');
    case 'static':
    case 'pprof':
      // The mock has no web UI assets and no profiler.
      return notFound();
  }
}

export function handleApi(handler: ApiHandler, env: HandlerEnv): Reply {
  switch (handler.kind) {
    case 'apiOptions':
      return empty(200, { ...CORS_HEADERS });
    case 'apiStatus':
      return json(statusJson(env.status), { ...CORS_HEADERS });
    case 'apiMetrics':
      // 1.11.2 fails to list a broken native histogram and closes the connection; 1.5 knows no
      // native histograms (one can still be loaded from a file a 1.11 mock persisted).
      return env.target.version !== '1.5' && env.store.holdsBrokenNativeHistogram() ? DROPPED : json(metricsJson(env.store.groups()), { ...CORS_HEADERS });
    case 'wipe':
      // The real gateway queues the deletes and answers first; the mock is done before it answers.
      env.store.wipe();
      return empty(202);
  }
}

function nameValidation(target: GatewayTarget): NameValidation {
  return target.utf8Names ? 'utf8' : 'legacy';
}

function groupingOf(request: RoutedRequest, env: HandlerEnv, jobBase64: boolean): ReturnType<typeof groupingFromRoute> {
  const grouping = groupingFromRoute(request.params.get('job') ?? '', request.params.get('labels') ?? '', jobBase64, nameValidation(env.target));
  if (grouping.ok) {
    request.note({ groupingKey: grouping.value });
  }
  return grouping;
}

async function push(request: RoutedRequest, env: HandlerEnv, replace: boolean, jobBase64: boolean): Promise<Reply> {
  const grouping = groupingOf(request, env, jobBase64);
  if (!grouping.ok) {
    return httpError(400, grouping.error);
  }
  const body = await request.loadBody();
  if (isReply(body)) {
    return body;
  }
  const pause = pauseFor(body.stream.data.length);
  await pause();
  const families = await decodePushBody(body.stream, request.contentType, env.target, pause);
  await pause();
  if (!families.ok) {
    return families.error.dropsConnection ? DROPPED : httpError(400, families.error.message);
  }
  request.note({ families: families.value.map((family) => family.name) });
  const overLimit = pushOverLimits(families.value, env.pushLimits ?? DEFAULT_PUSH_LIMITS);
  if (overLimit !== undefined) {
    return overLimit;
  }
  const prepared = await preparePush(families.value, grouping.value, pause);
  if (env.target.consistencyCheckDisabled) {
    // The real gateway queues the write and answers at once; the mock is done before it answers.
    // A broken native histogram is stored, but 1.11.2 closes the connection instead of the 202.
    const broken = [...prepared.values()].some((facts) => facts.brokenNative > 0);
    env.store.pushUnchecked({ grouping: grouping.value, families: families.value, replace, prepared });
    return broken ? DROPPED : empty(202);
  }
  const outcome = env.store.push({ grouping: grouping.value, families: families.value, replace, prepared });
  return outcome.ok ? empty(200) : httpError(400, outcome.error);
}

/** From this body size on, a push pauses between its stages and slices so that other clients are answered meanwhile. */
export const PAUSING_BODY_BYTES = 256 * 1024;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const NO_PAUSE: Pause = () => Promise.resolve();

export function pauseFor(bodyBytes: number): Pause {
  return bodyBytes >= PAUSING_BODY_BYTES ? yieldToEventLoop : NO_PAUSE;
}

/** The 413 for a push with more families or series than the mock stores at once, if it has. */
function pushOverLimits(families: readonly MetricFamily[], limits: PushLimits): Reply | undefined {
  if (families.length > limits.maxFamilies) {
    return httpError(413, `push has ${families.length} metric families: the mock gateway accepts at most ${limits.maxFamilies} per push ${boundHint('families')}`);
  }
  let series = 0;
  for (const family of families) {
    series += family.metrics.length;
  }
  if (series > limits.maxSeries) {
    return httpError(413, `push has ${series} series: the mock gateway accepts at most ${limits.maxSeries} per push ${boundHint('series')}`);
  }
  return undefined;
}

function deleteGroup(request: RoutedRequest, env: HandlerEnv, jobBase64: boolean): Reply {
  const grouping = groupingOf(request, env, jobBase64);
  if (!grouping.ok) {
    return httpError(400, grouping.error);
  }
  env.store.delete(grouping.value);
  return empty(202);
}

function metricsReply(request: RoutedRequest, env: HandlerEnv): Reply {
  const errors = env.store.gatherErrorMessages();
  if (errors.length > 0) {
    return httpError(500, `An error has occurred while serving metrics:\n\n${multiErrorText(errors)}`);
  }
  const version = env.target.version;
  const format = negotiateFormat(request.accept, version);
  const body = format.protobuf ? encodeDelimitedFamilies(exposedFamilies(env.store, env.self, format.escaping)) : renderExposition(env.store, env.self, format.escaping);
  const headers: Record<string, string> = { 'Content-Type': format.contentType };
  if (negotiateGzip(request.acceptEncoding, version)) {
    headers['Content-Encoding'] = 'gzip';
    return { status: 200, headers, body: zlib.gzipSync(body) };
  }
  return { status: 200, headers, body };
}

function statusPage(env: HandlerEnv): Reply {
  const groups = [...env.store.groups()].length;
  const body = `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Prometheus Pushgateway (mock)</title></head>\n<body>\n<h1>Pushgateway mock</h1>\n<p>${groups} group(s). See <a href="api/v1/metrics">api/v1/metrics</a>, <a href="metrics">metrics</a> and <a href="mock/v1/log">mock/v1/log</a>.</p>\n</body>\n</html>\n`;
  return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body };
}
