import { goQuoteString } from '../goemu/goQuote';
import { failure, Result, success } from '../result';
import { CorruptBase64, decodeBase64Segment, explainBase64Error, goBase64Error } from './base64Segment';
import { BASE64_SUFFIX, checkGroupingLabelName } from './labelNames';
import { NameValidation, unescapeValuesName } from './nameEscaping';
import { isValidGoUtf8 } from '../goemu/goFormat';

// The grouping labels of a push or delete from the route's `:job` and `*labels` parameters, with
// handler/push.go's checks in its order. The parameters are byte strings (one char per byte, as Go
// strings are bytes); how bytes become text, and how a problem is worded, is up to the reader: the
// mock answers with the gateway's exact texts, lint explains them to a person.

/** How a reader turns segment bytes into text. */
export interface SegmentText {
  /** A path segment as sent. */
  readonly raw: (bytes: Buffer) => string;
  /** A decoded `@base64` value, or undefined when the reader does not take these bytes as text. */
  readonly decoded: (bytes: Buffer) => string | undefined;
}

/** The job and the labels after it; a `job` label in `labels` is the caller's to drop or override. */
export interface RouteGrouping {
  readonly job: string;
  readonly labels: Record<string, string>;
}

/** Why the gateway refuses a route's grouping key; texts are already decoded by the reader. */
export type GroupingProblem =
  | { readonly kind: 'odd-components'; readonly labels: string }
  | { readonly kind: 'improper-label-name'; readonly name: string }
  /**
   * `label` undefined: the job segment; `corrupt` undefined: the bytes are not text for the reader.
   * `decodedBefore`: the text of what decoded before the error, which the gateway quotes for a job
   * name (its handler overwrites the job with DecodeString's partial result) but not for a label.
   */
  | { readonly kind: 'invalid-base64'; readonly label?: string; readonly segment: string; readonly corrupt?: CorruptBase64; readonly decodedBefore?: string }
  | { readonly kind: 'job-required' };

function bytesOf(byteString: string): Buffer {
  return Buffer.from(byteString, 'latin1');
}

function decodeSegment(segment: string, text: SegmentText, label: string | undefined): Result<string, GroupingProblem> {
  const bytes = bytesOf(segment);
  const decoded = decodeBase64Segment(bytes);
  const value = decoded.ok ? text.decoded(decoded.value) : undefined;
  if (value === undefined) {
    const problem = { kind: 'invalid-base64', label, segment: text.raw(bytes) } as const;
    return failure(decoded.ok ? { ...problem, corrupt: undefined } : { ...problem, corrupt: decoded.error, decodedBefore: text.raw(decoded.error.decodedBefore) });
  }
  return success(value);
}

/**
 * A grouping label name from a path: as it is (legacy names), or, with UTF-8 names (Pushgateway
 * 1.11 --push.enable-utf8-names), `U__`-decoded and any valid UTF-8; undefined when refused.
 */
function groupingLabelName(name: string, names: NameValidation): string | undefined {
  if (names === 'legacy') {
    return checkGroupingLabelName(name) === undefined ? name : undefined;
  }
  const decoded = unescapeValuesName(name);
  return decoded !== '' && isValidGoUtf8(decoded) && !decoded.startsWith('__') ? decoded : undefined;
}

/** splitLabels: `/name/value/...`; a lone "/" (or nothing) is no label; a repeated label keeps its last value. */
function splitLabels(labelsParam: string, text: SegmentText, names: NameValidation): Result<Record<string, string>, GroupingProblem> {
  const labels: Record<string, string> = {};
  if (labelsParam.length <= 1) {
    return success(labels);
  }
  const components = labelsParam.slice(1).split('/');
  if (components.length % 2 !== 0) {
    return failure({ kind: 'odd-components', labels: text.raw(bytesOf(labelsParam)) });
  }
  for (let i = 0; i < components.length; i += 2) {
    const name = text.raw(bytesOf(components[i]));
    const trimmed = name.endsWith(BASE64_SUFFIX) ? name.slice(0, -BASE64_SUFFIX.length) : name;
    const labelName = groupingLabelName(trimmed, names);
    if (labelName === undefined) {
      return failure({ kind: 'improper-label-name', name: trimmed });
    }
    if (trimmed === name) {
      labels[labelName] = text.raw(bytesOf(components[i + 1]));
      continue;
    }
    const decoded = decodeSegment(components[i + 1], text, trimmed);
    if (!decoded.ok) {
      return decoded;
    }
    labels[labelName] = decoded.value;
  }
  return success(labels);
}

/** The grouping key of `/metrics/job[@base64]/:job[/*labels]`, checked in the gateway's order. */
export function readRouteGrouping(jobParam: string, labelsParam: string, jobBase64: boolean, text: SegmentText, names: NameValidation = 'legacy'): Result<RouteGrouping, GroupingProblem> {
  let job = text.raw(bytesOf(jobParam));
  if (jobBase64) {
    const decoded = decodeSegment(jobParam, text, undefined);
    if (!decoded.ok) {
      return decoded;
    }
    job = decoded.value;
  }
  const labels = splitLabels(labelsParam, text, names);
  if (!labels.ok) {
    return labels;
  }
  if (job === '') {
    return failure({ kind: 'job-required' });
  }
  return success({ job, labels: labels.value });
}

/** The gateway's own 400 text for a problem. */
export function gatewayMessage(problem: GroupingProblem): string {
  switch (problem.kind) {
    case 'odd-components':
      return `odd number of components in label string ${goQuoteString(problem.labels)}`;
    case 'improper-label-name':
      return `improper label name ${goQuoteString(problem.name)}`;
    case 'invalid-base64': {
      const reason = problem.corrupt ? goBase64Error(problem.corrupt) : 'the decoded value is not valid UTF-8';
      return problem.label === undefined
        ? `invalid base64 encoding in job name ${goQuoteString(problem.decodedBefore ?? problem.segment)}: ${reason}`
        : `invalid base64 encoding for label ${problem.label}=${goQuoteString(problem.segment)}: ${reason}`;
    }
    case 'job-required':
      return 'job name is required';
  }
}

/** The gateway's text with the reason in words, for a person fixing a URL they wrote. */
export function explainedMessage(problem: GroupingProblem): string {
  switch (problem.kind) {
    case 'odd-components':
      return `odd number of components in label string "${problem.labels}": every label name needs a value`;
    case 'improper-label-name':
      return checkGroupingLabelName(problem.name) ?? `improper label name "${problem.name}"`;
    case 'invalid-base64': {
      const reason = problem.corrupt ? explainBase64Error(problem.segment, problem.corrupt) : 'the decoded value is not valid UTF-8';
      return problem.label === undefined ? `invalid base64 encoding in job name "${problem.segment}": ${reason}` : `invalid base64 encoding for label ${problem.label}="${problem.segment}": ${reason}`;
    }
    case 'job-required':
      return 'job name is required';
  }
}
