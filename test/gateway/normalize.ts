// The one normalisation of gateway answers, used by the recorder (scripts/recordGatewayCases.ts)
// and by the replay test against the mock. It keeps what a client can rely on and replaces what
// varies from run to run (times, ports, the build) or belongs to the gateway process itself.
//   status              kept
//   headers             only content-type, allow, location
//   GET /metrics        the gateway's own families (go_*, process_*, pushgateway_*) dropped, except
//                       pushed series (those with a job label); push-time values replaced by <time>
//   GET /api/v1/metrics groups sorted by their labels, keys sorted, time_stamp and push-time values
//                       replaced by <time>
//   GET /api/v1/status  start time, build information, listen address and assets path replaced
//   anything else       verbatim, except push-time values quoted in consistency errors
import { CaseStep, RecordedResponse, compareCodeUnits } from './corpus';

export type { CaseStep, GatewayCase, GatewayOptions, RecordedCorpus, RecordedResponse } from './corpus';

/** An answer as it came off the wire. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export const TIME_PLACEHOLDER = '<time>';
export const KEPT_HEADERS = ['allow', 'content-type', 'location'] as const;

const PUSH_TIME_FAMILIES = new Set(['push_time_seconds', 'push_failure_time_seconds']);
const SELF_FAMILY_PREFIXES = ['go_', 'process_', 'pushgateway_'];
/**
 * Values at or above this are Unix times written by the gateway (after 2001-09-09). Smaller values
 * in a push-time family (0 for "never", or a value a case pushed on purpose, like 7) are kept, so
 * the replay still sees whether the gateway stored or replaced a pushed value.
 */
const UNIX_TIME_THRESHOLD = 1e9;
/** Go's zero time.Time, as encoding/json writes it. */
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
const STATUS_PLACEHOLDERS: Record<string, string> = {
  'web.listen-address': '<address>',
  'web.local-assets': '<path>',
};

export function normalizeResponse(step: CaseStep, response: RawResponse): RecordedResponse {
  return {
    status: response.status,
    headers: keptHeaders(response.headers),
    body: normalizeBody(step, response),
  };
}

function keptHeaders(headers: RawResponse['headers']): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (value !== undefined) {
      kept[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return kept;
}

function requestPathname(step: CaseStep): string {
  const query = step.path.indexOf('?');
  return query === -1 ? step.path : step.path.slice(0, query);
}

function normalizeBody(step: CaseStep, response: RawResponse): string {
  const text = response.body.toString('utf8');
  const pathname = requestPathname(step);
  const contentType = String(response.headers['content-type'] ?? '');
  if (response.status === 200 && step.method === 'GET' && contentType.startsWith('application/json')) {
    if (pathname === '/api/v1/metrics') {
      return normalizeMetricsJson(text);
    }
    if (pathname === '/api/v1/status') {
      return normalizeStatusJson(text);
    }
  }
  if (response.status === 200 && step.method === 'GET' && pathname === '/metrics' && contentType.startsWith('text/plain')) {
    return normalizeExposition(text);
  }
  return normalizeErrorText(text);
}

// ---------------------------------------------------------------------------------------------
// Text exposition (GET /metrics)

interface FamilyBlock {
  name: string;
  header: string[];
  samples: string[];
}

/** Splits expfmt text output into families: optional `# HELP`, `# TYPE`, then the samples. */
function splitFamilies(lines: readonly string[]): FamilyBlock[] {
  const blocks: FamilyBlock[] = [];
  let current: FamilyBlock | undefined;
  for (const line of lines) {
    const comment = /^# (?:HELP|TYPE) (\S+)/.exec(line);
    if (comment) {
      if (current === undefined || current.name !== comment[1] || current.samples.length > 0) {
        current = { name: comment[1], header: [], samples: [] };
        blocks.push(current);
      }
      current.header.push(line);
    } else if (current === undefined) {
      current = { name: sampleName(line), header: [], samples: [line] };
      blocks.push(current);
    } else {
      current.samples.push(line);
    }
  }
  return blocks;
}

function sampleName(line: string): string {
  return /^[^{ ]*/.exec(line)?.[0] ?? '';
}

function isSelfFamily(name: string): boolean {
  return SELF_FAMILY_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** Pushed series always carry the grouping label `job`; the gateway's own series never do. */
function isPushedSample(line: string): boolean {
  return /^[^{ ]*\{(?:[^"]*"(?:[^"\\]|\\.)*",)*job="/.test(line);
}

function normalizeExposition(text: string): string {
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  const kept: string[] = [];
  for (const block of splitFamilies(lines)) {
    const samples = isSelfFamily(block.name) ? block.samples.filter(isPushedSample) : block.samples;
    if (isSelfFamily(block.name) && samples.length === 0) {
      continue;
    }
    const values = PUSH_TIME_FAMILIES.has(block.name) ? samples.map(maskSampleTime) : samples;
    kept.push(...block.header, ...values);
  }
  return kept.length === 0 ? '' : `${kept.join('\n')}${finalNewline ? '\n' : ''}`;
}

function isUnixTime(value: string): boolean {
  const number = Number(value);
  return Number.isFinite(number) && number >= UNIX_TIME_THRESHOLD;
}

/** `push_time_seconds{...} 1.79e+09` → `push_time_seconds{...} <time>`. */
function maskSampleTime(line: string): string {
  const space = line.lastIndexOf(' ');
  const value = line.slice(space + 1);
  return space !== -1 && isUnixTime(value) ? `${line.slice(0, space + 1)}${TIME_PLACEHOLDER}` : line;
}

// ---------------------------------------------------------------------------------------------
// Error texts (and every other body)

/**
 * Consistency errors quote the offending metric in Go's proto text syntax; when that metric is a
 * push-time series its value is a time: `collected metric "push_time_seconds" { ... gauge:<value:1.79e+09 > }`.
 */
function normalizeErrorText(text: string): string {
  return text.replace(/(collected metric "(push_time_seconds|push_failure_time_seconds)" \{)([^}]*)\}/g, (_match, head: string, _name: string, metric: string) => {
    const masked = metric.replace(/(value:)(\S+)( >)/g, (whole, before: string, value: string, after: string) => (isUnixTime(value) ? `${before}${TIME_PLACEHOLDER}${after}` : whole));
    return `${head}${masked}}`;
  });
}

// ---------------------------------------------------------------------------------------------
// JSON API

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/** JSON with object keys sorted by code units (also integer-like keys such as bucket bounds). */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compareCodeUnits);
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/**
 * `{"status":"success","data":[group...]}` where a group is
 * `{"labels":{...},"last_push_successful":bool,"<family>":{"time_stamp","type","help","metrics":[...]}}`.
 * The gateway lists groups in Go map order, so they are sorted here by their labels.
 */
function normalizeMetricsJson(text: string): string {
  const parsed = parseJson(text);
  if (!isObject(parsed) || !Array.isArray(parsed.data)) {
    return text;
  }
  const groups = parsed.data.map(normalizeGroup);
  groups.sort((a, b) => compareCodeUnits(groupSortKey(a), groupSortKey(b)));
  return canonicalJson({ ...parsed, data: groups });
}

function groupSortKey(group: Json): string {
  return isObject(group) && group.labels !== undefined ? canonicalJson(group.labels) : canonicalJson(group);
}

function normalizeGroup(group: Json): Json {
  if (!isObject(group)) {
    return group;
  }
  const result: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(group)) {
    result[key] = key === 'labels' || key === 'last_push_successful' ? value : normalizeFamily(key, value);
  }
  return result;
}

function normalizeFamily(name: string, family: Json): Json {
  if (!isObject(family)) {
    return family;
  }
  const result: { [key: string]: Json } = { ...family };
  if (typeof family.time_stamp === 'string' && family.time_stamp !== GO_ZERO_TIME) {
    result.time_stamp = TIME_PLACEHOLDER;
  }
  if (PUSH_TIME_FAMILIES.has(name) && Array.isArray(family.metrics)) {
    result.metrics = family.metrics.map(maskMetricValue);
  }
  return result;
}

function maskMetricValue(metric: Json): Json {
  if (!isObject(metric) || typeof metric.value !== 'string' || !isUnixTime(metric.value)) {
    return metric;
  }
  return { ...metric, value: TIME_PLACEHOLDER };
}

/** `{"status":"success","data":{"build_information":{...},"flags":{...},"start_time":"..."}}`. */
function normalizeStatusJson(text: string): string {
  const parsed = parseJson(text);
  if (!isObject(parsed) || !isObject(parsed.data)) {
    return text;
  }
  const data: { [key: string]: Json } = { ...parsed.data };
  if (typeof data.start_time === 'string') {
    data.start_time = TIME_PLACEHOLDER;
  }
  if (isObject(data.build_information)) {
    data.build_information = Object.fromEntries(Object.keys(data.build_information).map((key) => [key, '<build>']));
  }
  if (isObject(data.flags)) {
    const flags = data.flags;
    data.flags = Object.fromEntries(Object.keys(flags).map((key) => [key, STATUS_PLACEHOLDERS[key] ?? flags[key]]));
  }
  return canonicalJson({ ...parsed, data });
}
