import { decodeExposition } from '../../exposition/decode';
import { gatewayMessage, readRouteGrouping, SegmentText } from '../../protocol/pushRoute';
import { failure, Result, success } from '../../result';
import { GroupingLabels } from '../store/sanitize';
import { NameValidation } from '../../protocol/nameEscaping';

/** Go's view of bytes as a string: invalid UTF-8 kept as escaped bytes, never refused. */
const GO_TEXT: SegmentText = { raw: decodeExposition, decoded: decodeExposition };

/**
 * The grouping labels for `/metrics/job[@base64]/:job[/*labels]`, with the gateway's error texts.
 * The real 1.5.1 never answers an invalid base64 job name (its handler returns with a lock held,
 * and the route hangs from then on); the mock answers 400 and quotes the segment as sent.
 */
export function groupingFromRoute(jobParam: string, labelsParam: string, jobBase64: boolean, names: NameValidation = 'legacy'): Result<GroupingLabels> {
  const grouping = readRouteGrouping(jobParam, labelsParam, jobBase64, GO_TEXT, names);
  if (!grouping.ok) {
    return failure(gatewayMessage(grouping.error));
  }
  return success({ ...grouping.value.labels, job: grouping.value.job });
}
