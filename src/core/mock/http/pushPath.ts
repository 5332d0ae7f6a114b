import { GO_TEXT } from '../../protocol/groupingKey';
import { gatewayMessage, readRouteGrouping } from '../../protocol/pushRoute';
import { failure, Result, success } from '../../result';
import { GroupingLabels } from '../store/sanitize';
import { NameValidation } from '../../protocol/nameEscaping';

/**
 * The grouping labels for `/metrics/job[@base64]/:job[/*labels]`, with the gateway's error texts.
 * An invalid base64 job name gets 400 quoting what decoded before the error, as from 1.5.1 and
 * 1.11.2. The real 1.5.1 then leaves a lock held, and later job@base64 pushes are never answered;
 * the mock goes on answering them.
 */
export function groupingFromRoute(jobParam: string, labelsParam: string, jobBase64: boolean, names: NameValidation = 'legacy'): Result<GroupingLabels> {
  const grouping = readRouteGrouping(jobParam, labelsParam, jobBase64, GO_TEXT, names);
  if (!grouping.ok) {
    return failure(gatewayMessage(grouping.error));
  }
  return success({ ...grouping.value.labels, job: grouping.value.job });
}
