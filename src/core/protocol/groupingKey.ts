import { decodeExposition } from '../exposition/decode';
import { failure, Result, success } from '../result';
import { strictUtf8 } from './base64Segment';
import { BASE64_SUFFIX, checkGroupingLabelName } from './labelNames';
import { explainedMessage, readRouteGrouping, SegmentText } from './pushRoute';
import { NameValidation } from './nameEscaping';

/**
 * The labels that identify a group on a Pushgateway: the job, plus any further grouping labels.
 * Push paths carry them as `/metrics/job/<job>{/<label>/<value>}`.
 */
export interface GroupingKey {
  readonly job: string;
  /** Grouping labels other than `job`, in path order. */
  readonly labels: Readonly<Record<string, string>>;
}

/** A push path taken apart: whatever stood before `/metrics/job` (a route prefix) and the key. */
export interface ParsedPushPath {
  readonly prefix: string;
  readonly key: GroupingKey;
}

const PUSH_ROUTE = '/metrics/job';

/**
 * Builds the push path for a grouping key, the way the official clients do: a value that is empty,
 * contains "/", or is "." or ".." (which the gateway's path cleaning would eat) is sent base64url
 * encoded with the `@base64` suffix; any other value is percent-encoded.
 */
export function buildPushPath(key: GroupingKey, prefix = ''): Result<string> {
  if (key.job === '') {
    return failure('job name is required');
  }
  const segments = [encodeSegment('job', key.job)];
  for (const [name, value] of Object.entries(key.labels)) {
    const problem = name === 'job' ? 'the job is given separately, not as a grouping label' : checkGroupingLabelName(name);
    if (problem) {
      return failure(problem);
    }
    segments.push(encodeSegment(name, value));
  }
  return success(`${prefix.replace(/\/+$/, '')}/metrics/${segments.join('/')}`);
}

function encodeSegment(name: string, value: string): string {
  if (value === '') {
    return `${name}${BASE64_SUFFIX}/=`;
  }
  if (value.includes('/') || value === '.' || value === '..') {
    return `${name}${BASE64_SUFFIX}/${Buffer.from(value, 'utf8').toString('base64url')}`;
  }
  return `${name}/${encodeURIComponent(value)}`;
}

/** Text as a person writes it: UTF-8, and a decoded `@base64` value must be UTF-8 too. */
export const UTF8_TEXT: SegmentText = { raw: (bytes) => bytes.toString('utf8'), decoded: strictUtf8 };

/** Go's view of bytes as a string, the gateway's (and the mock's): invalid UTF-8 kept as escaped bytes, never refused. */
export const GO_TEXT: SegmentText = { raw: decodeExposition, decoded: decodeExposition };

/**
 * Reads the grouping key from a push path (the path of a push URL, query excluded) with the real
 * gateway's rules: the path is percent-decoded before it is split at "/", `<name>@base64/<value>`
 * takes a base64url value (padding optional), a repeated label keeps its last value; with `utf8`
 * names (a 1.11 gateway with UTF-8 names) a label name may be any UTF-8 and `U__` names are decoded.
 * Problems are worded for a person.
 */
export function parsePushPath(path: string, text: SegmentText = UTF8_TEXT, names: NameValidation = 'legacy'): Result<ParsedPushPath> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return failure(`malformed percent-encoding in path "${path}"`);
  }
  const routeStart = decoded.indexOf(PUSH_ROUTE);
  if (routeStart < 0) {
    return failure(`not a push path: "${path}" does not contain ${PUSH_ROUTE}/<job>`);
  }
  if (/\/\/|\/\.\.?(\/|$)/.test(decoded)) {
    return failure(`path "${path}" contains "//", "/./" or "/../": the gateway redirects it instead of accepting the push`);
  }
  const prefix = decoded.slice(0, routeStart);
  const afterRoute = decoded.slice(routeStart + PUSH_ROUTE.length);
  let jobIsBase64: boolean;
  let jobAndLabels: string;
  if (afterRoute.startsWith(`${BASE64_SUFFIX}/`)) {
    jobIsBase64 = true;
    jobAndLabels = afterRoute.slice(BASE64_SUFFIX.length + 1);
  } else if (afterRoute.startsWith('/')) {
    jobIsBase64 = false;
    jobAndLabels = afterRoute.slice(1);
  } else {
    return failure(`not a push path: expected ${PUSH_ROUTE}/<job> in "${path}"`);
  }

  const jobEnd = jobAndLabels.indexOf('/');
  const job = jobEnd < 0 ? jobAndLabels : jobAndLabels.slice(0, jobEnd);
  const labels = jobEnd < 0 ? '' : jobAndLabels.slice(jobEnd);
  const grouping = readRouteGrouping(byteString(job), byteString(labels), jobIsBase64, text, names);
  if (!grouping.ok) {
    return failure(explainedMessage(grouping.error));
  }
  // The job from the path segment wins over a `job` label further on, as in the real gateway.
  const { job: routeJob, labels: otherLabels } = grouping.value;
  delete otherLabels.job;
  return success({ prefix, key: { job: routeJob, labels: otherLabels } });
}

/** Text as the bytes of its UTF-8 encoding, one char per byte: what the gateway's router hands on. */
function byteString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** The grouping key of a group as `/api/v1/metrics` lists its labels (the job among them). */
export function groupingKeyOf(labels: Readonly<Record<string, string>>): GroupingKey {
  const { job = '', ...rest } = labels;
  return { job, labels: rest };
}

/** The labels of a grouping key as one set, the job among them: how the gateway lists a group. */
export function labelsOfKey(key: GroupingKey): Record<string, string> {
  return { ...key.labels, job: key.job };
}

/** One string per set of grouping labels (job included), whatever their order: for maps and comparisons. */
export function groupLabelsId(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
