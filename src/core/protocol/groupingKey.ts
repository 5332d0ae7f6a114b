import { failure, Result, success } from '../result';

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

/** Marks a path label whose value is base64url encoded: `/<name>@base64/<value>`. */
export const BASE64_SUFFIX = '@base64';
const PUSH_ROUTE = '/metrics/job';
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const BASE64_URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Why a label name cannot be a grouping label, or undefined when it can. */
export function checkGroupingLabelName(name: string): string | undefined {
  if (!LABEL_NAME.test(name)) {
    return `improper label name "${name}": a label name is a letter or "_" followed by letters, digits or "_"`;
  }
  if (name.startsWith('__')) {
    return `improper label name "${name}": names starting with "__" are reserved`;
  }
  return undefined;
}

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

/**
 * Reads the grouping key from a push path (the path of a push URL, query excluded) with the real
 * gateway's rules: the path is percent-decoded before it is split at "/", `<name>@base64/<value>`
 * takes a base64url value (padding optional), a repeated label keeps its last value.
 */
export function parsePushPath(path: string): Result<ParsedPushPath> {
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
  const rawJob = jobEnd < 0 ? jobAndLabels : jobAndLabels.slice(0, jobEnd);
  const labelPart = jobEnd < 0 ? '' : jobAndLabels.slice(jobEnd);
  let job = rawJob;
  if (jobIsBase64) {
    const decodedJob = decodeBase64Url(rawJob);
    if (!decodedJob.ok) {
      return failure(`invalid base64 encoding in job name "${rawJob}": ${decodedJob.error}`);
    }
    job = decodedJob.value;
  }
  if (job === '') {
    return failure('job name is required');
  }

  const labels = splitLabels(labelPart);
  if (!labels.ok) {
    return labels;
  }
  // The job from the path segment wins over a `job` label further on, as in the real gateway.
  delete labels.value.job;
  return success({ prefix, key: { job, labels: labels.value } });
}

/** `/<name>/<value>/...` after the job segment into a label map; mirrors the gateway's splitLabels. */
function splitLabels(labelPart: string): Result<Record<string, string>> {
  const labels: Record<string, string> = {};
  if (labelPart.length <= 1) {
    return success(labels);
  }
  const components = labelPart.slice(1).split('/');
  if (components.length % 2 !== 0) {
    return failure(`odd number of components in label string "${labelPart}": every label name needs a value`);
  }
  for (let i = 0; i < components.length; i += 2) {
    const name = components[i];
    const value = components[i + 1];
    const isBase64 = name.endsWith(BASE64_SUFFIX);
    const labelName = isBase64 ? name.slice(0, -BASE64_SUFFIX.length) : name;
    const problem = checkGroupingLabelName(labelName);
    if (problem) {
      return failure(problem);
    }
    if (!isBase64) {
      labels[labelName] = value;
      continue;
    }
    const decodedValue = decodeBase64Url(value);
    if (!decodedValue.ok) {
      return failure(`invalid base64 encoding for label ${labelName}="${value}": ${decodedValue.error}`);
    }
    labels[labelName] = decodedValue.value;
  }
  return success(labels);
}

/**
 * Decodes base64 with the URL-safe alphabet, trailing "=" ignored, as Go's RawURLEncoding after
 * TrimRight("="). Stricter than Buffer.from(…, 'base64url'), which skips characters it does not know.
 */
export function decodeBase64Url(encoded: string): Result<string> {
  const text = encoded.replace(/=+$/, '').replace(/[\r\n]/g, '');
  for (let i = 0; i < text.length; i++) {
    if (!BASE64_URL_ALPHABET.includes(text[i])) {
      return failure(`illegal base64 data at input byte ${i} ("${text[i]}" is not in the URL-safe alphabet A-Z a-z 0-9 - _)`);
    }
  }
  if (text.length % 4 === 1) {
    return failure(`illegal base64 data at input byte ${text.length - 1} (truncated input)`);
  }
  try {
    return success(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'base64url')));
  } catch {
    return failure('the decoded value is not valid UTF-8');
  }
}

/** One string per set of grouping labels (job included), whatever their order: for maps and comparisons. */
export function groupLabelsId(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
