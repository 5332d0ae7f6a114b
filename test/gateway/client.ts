// How the steps of a gateway case are sent: node's http client (not fetch), so that any method
// (HEAD, OPTIONS, unknown ones) goes out as written, the body is sent byte for byte and no redirect
// is followed. Used by the recorder against the real gateway and by the replay against the mock.
//
// The real gateway applies DELETE and the admin wipe asynchronously (they are queued and answered
// 202 at once), so runStep waits after an accepted one until GET /api/v1/metrics shows the change,
// for at most ASYNC_WAIT_MS, before the next step goes out. Pushes are synchronous.
import * as http from 'node:http';
import { groupLabelsId, labelsOfKey, parsePushPath } from '../../src/core/protocol/groupingKey';
import { SegmentText } from '../../src/core/protocol/pushRoute';
import { CaseStep, RecordedResponse, stepBodyBytes, stepHasBody } from './corpus';
import { RawResponse, normalizeResponse } from './normalize';

export const STEP_TIMEOUT_MS = 10_000;
export const ASYNC_WAIT_MS = 2_000;
const POLL_INTERVAL_MS = 10;
const HOST = '127.0.0.1';

function requestHeaders(step: CaseStep, body: Buffer): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = { ...step.headers };
  const hasLength = Object.keys(headers).some((name) => name.toLowerCase() === 'content-length');
  if (stepHasBody(step) && !hasLength) {
    headers['Content-Length'] = body.length;
  }
  return headers;
}

/** Sends one request to 127.0.0.1:port exactly as the step says and collects the raw answer (at most STEP_TIMEOUT_MS). */
export function sendStep(port: number, step: CaseStep): Promise<RawResponse> {
  const body = stepBodyBytes(step);
  return new Promise<RawResponse>((resolve, reject) => {
    const request = http.request({ host: HOST, port, method: step.method, path: step.path, agent: false, headers: requestHeaders(step, body) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
      });
      response.on('error', reject);
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`${step.method} ${step.path} was not answered within ${STEP_TIMEOUT_MS / 1000} s`));
    }, STEP_TIMEOUT_MS);
    // The gateway may answer (and close) before reading a body it does not want; only an error
    // before the answer is complete rejects (a second settle is a no-op).
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(stepHasBody(step) ? body : undefined);
  });
}

/** Sends a step, waits for an accepted DELETE or wipe to be applied, and normalises the answer. */
export async function runStep(port: number, step: CaseStep): Promise<RecordedResponse> {
  const asynchronous = isDelete(step) || isWipe(step);
  const before = asynchronous ? await listGroups(port) : undefined;
  const response = await sendStep(port, step);
  if (before !== undefined && response.status === 202) {
    const applied = appliedCondition(step, before);
    if (applied !== undefined) {
      await waitUntilApplied(port, applied);
    }
  }
  return normalizeResponse(step, response);
}

// ---------------------------------------------------------------------------------------------
// Waiting for asynchronous deletes

type GroupCondition = (groups: Set<string>) => boolean;

/** The label sets of all groups the gateway holds, each as canonical JSON. */
async function listGroups(port: number): Promise<Set<string>> {
  const response = await sendStep(port, { method: 'GET', path: '/api/v1/metrics' });
  const parsed = JSON.parse(response.body.toString('utf8')) as { data?: { labels?: Record<string, string> }[] };
  return new Set((parsed.data ?? []).map((group) => groupLabelsId(group.labels ?? {})));
}

function isDelete(step: CaseStep): boolean {
  return step.method === 'DELETE' && step.path.startsWith('/metrics/');
}

function isWipe(step: CaseStep): boolean {
  return step.method === 'PUT' && step.path.split('?')[0] === '/api/v1/admin/wipe';
}

/** Bytes as the gateway's JSON lists them: invalid UTF-8 becomes U+FFFD. */
const JSON_TEXT: SegmentText = { raw: (bytes) => bytes.toString('utf8'), decoded: (bytes) => bytes.toString('utf8') };

/** The grouping labels a push path addresses, the way the gateway reads it, or undefined when the path does not address a group. */
export function groupLabelsOfPath(requestPath: string): Record<string, string> | undefined {
  const parsed = parsePushPath(requestPath.split('?')[0], JSON_TEXT);
  return parsed.ok && parsed.value.prefix === '' ? labelsOfKey(parsed.value.key) : undefined;
}

/** What must hold once an accepted DELETE or wipe has been applied, or undefined when nothing changes. */
function appliedCondition(step: CaseStep, before: Set<string>): GroupCondition | undefined {
  if (isWipe(step)) {
    return before.size === 0 ? undefined : (groups) => groups.size === 0;
  }
  const labels = groupLabelsOfPath(step.path);
  if (labels === undefined) {
    return (groups) => !sameSet(groups, before);
  }
  const key = groupLabelsId(labels);
  return before.has(key) ? (groups) => !groups.has(key) : undefined;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls the condition until it holds (true) or ASYNC_WAIT_MS pass (false). */
export async function pollUntil(holds: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ASYNC_WAIT_MS;
  while (Date.now() < deadline) {
    if (await holds()) {
      return true;
    }
    await sleep(POLL_INTERVAL_MS);
  }
  return false;
}

/** Polls until the condition holds or ASYNC_WAIT_MS pass (then the next step goes out anyway). */
async function waitUntilApplied(port: number, applied: GroupCondition): Promise<void> {
  await pollUntil(async () => applied(await listGroups(port)));
}
