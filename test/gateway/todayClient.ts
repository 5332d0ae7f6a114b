// How the steps of the "today" gateway corpus (test/fixtures/gateway/today) are sent and
// normalised: runStep from client.ts, plus what Pushgateway 1.11 needs that the 1.5.1 corpus never
// did. Used by the recorder for every corpus but the 1.5.1 one, and by `npm run measure:targets`.
//   - a push answered 202 (1.11 with --push.disable-consistency-check queues the write and answers
//     at once) is waited for like a DELETE: until GET /api/v1/metrics shows a change, at most
//     ASYNC_WAIT_MS (pollUntil of client.ts), with a warning on stderr when it does not;
//   - a connection the gateway closes without answering (1.11.2 does for `{} 1`) becomes status 0
//     with the body CONNECTION_CLOSED, instead of an error;
//   - a step that sends Accept-Encoding gets its answer decoded (gzip, deflate) before it is
//     normalised, and keeps the answer's Content-Encoding among the headers;
//   - Unix times quoted in consistency errors are masked also in Go's newer dump format
//     (`gauge:{value:1.79e+09}`), which normalize.ts does not know;
//   - a protobuf answer (GET /metrics negotiated to protobuf) is kept only as PROTOBUF_BODY: its
//     bytes hold the gateway's own, ever-changing metrics; the Content-Type is what it is about.
import * as zlib from 'node:zlib';
import { ASYNC_WAIT_MS, pollUntil, runStep, sendStep } from './client';
import { CaseStep, RecordedResponse, compareCodeUnits } from './corpus';
import { RawResponse, TIME_PLACEHOLDER, normalizeResponse } from './normalize';

export const CONNECTION_CLOSED = '<connection closed without an answer>';
export const PROTOBUF_BODY = '<protobuf>';

const PUSH_TIME_DUMP = /collected metric "(?:push_time_seconds|push_failure_time_seconds)" \{/;
const UNIX_TIME_THRESHOLD = 1e9;

export async function runTodayStep(port: number, step: CaseStep): Promise<RecordedResponse> {
  let answer: RecordedResponse;
  try {
    const before = isPush(step) ? await groupsSnapshot(port) : undefined;
    answer = sendsAcceptEncoding(step) ? await runDecodedStep(port, step) : await runStep(port, step);
    if (before !== undefined && answer.status === 202) {
      await waitForChange(port, step, before);
    }
  } catch (error) {
    if (isClosedWithoutAnswer(error)) {
      return { status: 0, headers: {}, body: CONNECTION_CLOSED };
    }
    throw error;
  }
  if (answer.headers['content-type']?.startsWith('application/vnd.google.protobuf') && answer.body !== '') {
    return { ...answer, body: PROTOBUF_BODY };
  }
  return { ...answer, body: maskDumpedPushTimes(answer.body) };
}

/** Whether a request failed because the gateway closed the connection without answering (1.11.2 does for `{} 1`). */
export function isClosedWithoutAnswer(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ECONNRESET' || (error instanceof Error && error.message === 'socket hang up');
}

function sendsAcceptEncoding(step: CaseStep): boolean {
  return Object.keys(step.headers ?? {}).some((name) => name.toLowerCase() === 'accept-encoding');
}

async function runDecodedStep(port: number, step: CaseStep): Promise<RecordedResponse> {
  const raw = await sendStep(port, step);
  const encoding = String(raw.headers['content-encoding'] ?? '');
  const decoded: RawResponse = { ...raw, body: decodeBody(raw.body, encoding) };
  const answer = normalizeResponse(step, decoded);
  if (encoding === '') {
    return answer;
  }
  const headers = Object.fromEntries(Object.entries({ ...answer.headers, 'content-encoding': encoding }).sort(([a], [b]) => compareCodeUnits(a, b)));
  return { ...answer, headers };
}

function decodeBody(body: Buffer, encoding: string): Buffer {
  switch (encoding.toLowerCase()) {
    case 'gzip':
      return zlib.gunzipSync(body);
    case 'deflate':
      return zlib.inflateSync(body);
    default:
      return body;
  }
}

/** `collected metric "push_time_seconds" { ... gauge:{value:1.79e+09}}` → `... gauge:{value:<time>}}`. */
function maskDumpedPushTimes(body: string): string {
  return body
    .split('\n')
    .map((line) =>
      PUSH_TIME_DUMP.test(line)
        ? line.replace(/(value:)([-+0-9.e]+)\}/g, (whole, before: string, value: string) => (Number(value) >= UNIX_TIME_THRESHOLD ? `${before}${TIME_PLACEHOLDER}}` : whole))
        : line,
    )
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Waiting for a queued push

function isPush(step: CaseStep): boolean {
  return (step.method === 'PUT' || step.method === 'POST') && step.path.startsWith('/metrics/');
}

/** The raw JSON API answer: any applied push changes it (a new group, new push times, new metrics). */
async function groupsSnapshot(port: number): Promise<string> {
  const response = await sendStep(port, { method: 'GET', path: '/api/v1/metrics' });
  return response.body.toString('utf8');
}

/**
 * Waits until the queued push shows in GET /api/v1/metrics. An applied push always changes it (at
 * least its push time), so one that does not show within ASYNC_WAIT_MS is reported on stderr: the
 * step's answer is kept, but the next step may meet the push still queued.
 */
async function waitForChange(port: number, step: CaseStep, before: string): Promise<void> {
  if (!(await pollUntil(async () => (await groupsSnapshot(port)) !== before))) {
    console.warn(`${step.method} ${step.path} was answered 202, but the push did not show in /api/v1/metrics within ${ASYNC_WAIT_MS / 1000} s`);
  }
}
