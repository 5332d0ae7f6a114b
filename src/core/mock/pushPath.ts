import { decodeExposition } from '../exposition/decode';
import { goQuoteString } from '../exposition/goQuote';
import { BASE64_SUFFIX, checkGroupingLabelName } from '../protocol/groupingKey';
import { failure, Result, success } from '../result';
import { decodeBase64Segment } from './goBase64';
import { GroupingLabels } from './sanitize';

// The grouping labels of a push or delete, from the route's `:job` and `*labels` parameters (byte
// strings), with handler/push.go's checks in its order and its error texts.


function goString(bytes: string): string {
  return decodeExposition(Buffer.from(bytes, 'latin1'));
}

function decodeBase64(segment: string): Result<string> {
  const decoded = decodeBase64Segment(Buffer.from(segment, 'latin1'));
  return decoded.ok ? success(decodeExposition(decoded.value)) : decoded;
}

/** splitLabels: `/name/value/...`; a lone "/" (or nothing) is no label. */
function splitLabels(labelsParam: string): Result<Record<string, string>> {
  const labels: Record<string, string> = {};
  if (labelsParam.length <= 1) {
    return success(labels);
  }
  const components = labelsParam.slice(1).split('/');
  if (components.length % 2 !== 0) {
    return failure(`odd number of components in label string ${goQuoteString(goString(labelsParam))}`);
  }
  for (let i = 0; i < components.length - 1; i += 2) {
    const name = goString(components[i]);
    const value = components[i + 1];
    const trimmed = name.endsWith(BASE64_SUFFIX) ? name.slice(0, -BASE64_SUFFIX.length) : name;
    if (checkGroupingLabelName(trimmed) !== undefined) {
      return failure(`improper label name ${goQuoteString(trimmed)}`);
    }
    if (trimmed === name) {
      labels[name] = goString(value);
      continue;
    }
    const decoded = decodeBase64(value);
    if (!decoded.ok) {
      return failure(`invalid base64 encoding for label ${trimmed}=${goQuoteString(goString(value))}: ${decoded.error}`);
    }
    labels[trimmed] = decoded.value;
  }
  return success(labels);
}

/**
 * The grouping labels for `/metrics/job[@base64]/:job[/*labels]`. The real 1.5.1 never answers
 * an invalid base64 job name (its handler returns with a lock held, and the route hangs from then
 * on); the mock answers 400 and quotes the segment as sent.
 */
export function groupingFromRoute(jobParam: string, labelsParam: string, jobBase64: boolean): Result<GroupingLabels> {
  let job = goString(jobParam);
  if (jobBase64) {
    const decoded = decodeBase64(jobParam);
    if (!decoded.ok) {
      return failure(`invalid base64 encoding in job name ${goQuoteString(job)}: ${decoded.error}`);
    }
    job = decoded.value;
  }
  const labels = splitLabels(labelsParam);
  if (!labels.ok) {
    return labels;
  }
  if (job === '') {
    return failure('job name is required');
  }
  return success({ ...labels.value, job });
}
