// The gateway differential corpus: case files (test/fixtures/gateway/cases/<slug>.json) and the
// answers the real Pushgateway gave to them (test/fixtures/gateway/recorded.json). Shared by the
// case generator, the recorder (scripts/recordGatewayCases.ts) and the replay test against the mock.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** How the gateway of a case is started. */
export interface GatewayOptions {
  /** Start with `--web.enable-admin-api` (enables `PUT /api/v1/admin/wipe`). */
  adminApi: boolean;
}

/** One HTTP request of a case, sent exactly as written: no redirect is followed. */
export interface CaseStep {
  method: string;
  /** Request target as sent on the request line (already percent-encoded, may carry a query). */
  path: string;
  headers?: Record<string, string>;
  /** Request body as UTF-8 text. */
  body?: string;
  /** Request body as exact bytes (protobuf, gzip, invalid UTF-8, CRLF). Excludes `body`. */
  bodyBase64?: string;
  /**
   * Recorder hint only: the real gateway words this answer in this many ways depending on Go map
   * order, so the recorder repeats the case with fresh gateways until it has seen them all.
   */
  expectVariants?: number;
}

export interface GatewayCase {
  description: string;
  gateway: GatewayOptions;
  steps: CaseStep[];
}

/** One normalised answer of the gateway (see normalize.ts). */
export interface RecordedResponse {
  status: number;
  /** Only `content-type`, `allow` and `location`, when present; names lower-case. */
  headers: Record<string, string>;
  body: string;
  /** All normalised bodies seen for this step, sorted, when there was more than one; `body` is the first. */
  bodyVariants?: string[];
}

function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  return Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([name, value]) => b[name] === value);
}

/** Whether `actual` is the recorded answer: status, headers, and one of the recorded wordings of the body. */
export function isRecordedAnswer(actual: RecordedResponse, expected: RecordedResponse): boolean {
  return actual.status === expected.status && sameHeaders(actual.headers, expected.headers) && (expected.bodyVariants ?? [expected.body]).includes(actual.body);
}

/** Fails unless `actual` is the recorded answer (isRecordedAnswer), naming what differs. */
export function assertRecordedAnswer(actual: RecordedResponse, expected: RecordedResponse, where: string): void {
  assert.equal(actual.status, expected.status, `${where}: status; body ${JSON.stringify(actual.body)}`);
  assert.deepEqual(actual.headers, expected.headers, `${where}: headers`);
  if (!isRecordedAnswer(actual, expected)) {
    const wordings = expected.bodyVariants ?? [expected.body];
    assert.equal(actual.body, expected.body, `${where}: body is none of the ${wordings.length} recorded wording(s)`);
  }
}

export interface RecordedCorpus {
  cases: Record<string, RecordedResponse[]>;
  recordedWith: { date: string; version: string };
}

export const GATEWAY_CORPUS_DIR = path.join('test', 'fixtures', 'gateway');
export const CASES_SUBDIR = 'cases';
export const RECORDED_FILE = 'recorded.json';

/** The exact bytes a step sends as its body (empty when it has none). */
export function stepBodyBytes(step: CaseStep): Buffer {
  if (step.bodyBase64 !== undefined) {
    return Buffer.from(step.bodyBase64, 'base64');
  }
  return Buffer.from(step.body ?? '', 'utf8');
}

/** Whether a step sends a body at all (and therefore a Content-Length header). */
export function stepHasBody(step: CaseStep): boolean {
  return step.body !== undefined || step.bodyBase64 !== undefined;
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Slugs of all case files in a cases directory, sorted. */
export function listCaseSlugs(casesDir: string): string[] {
  return fs
    .readdirSync(casesDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort(compareCodeUnits);
}

export function readCase(casesDir: string, slug: string): GatewayCase {
  const parsed: unknown = JSON.parse(fs.readFileSync(path.join(casesDir, `${slug}.json`), 'utf8'));
  return checkCase(parsed, slug);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A light shape check, so a hand-edited case fails with its slug instead of deep in the recorder. */
function checkCase(value: unknown, slug: string): GatewayCase {
  if (!isRecord(value) || typeof value.description !== 'string' || !isRecord(value.gateway) || !Array.isArray(value.steps)) {
    throw new Error(`case ${slug}: expected { description, gateway, steps }`);
  }
  value.steps.forEach((step: unknown, index) => {
    if (!isRecord(step) || typeof step.method !== 'string' || typeof step.path !== 'string') {
      throw new Error(`case ${slug}, step ${index}: expected { method, path }`);
    }
    if (step.body !== undefined && step.bodyBase64 !== undefined) {
      throw new Error(`case ${slug}, step ${index}: body and bodyBase64 exclude each other`);
    }
  });
  return value as unknown as GatewayCase;
}

/** JSON with every object's keys sorted, so re-recording only changes what the gateway changed. */
export function stableStringify(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).sort(([a], [b]) => compareCodeUnits(a, b));
    return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
  }
  return value;
}
