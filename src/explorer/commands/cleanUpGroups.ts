import { chooseGroups, CleanupCandidate } from '../../core/cleanup/chooseGroups';
import { formatDuration, parseDuration } from '../../core/duration';
import { GroupSelector, parseSelector } from '../../core/cleanup/selector';
import { groupingKeyOf } from '../../core/protocol/groupingKey';
import { confirmAndDeleteGroups } from '../../gateways/deleteGroupsFlow';
import { GatewayService } from '../../gateways/gatewayService';
import { UserPrompts } from '../../ui/prompts';
import { ExplorerNode } from '../explorerModel';
import { readExplorerSettings } from '../explorerSettings';
import { GATEWAYS_VIEW_ID } from '../explorerView';

/** The age and selector the user gives, each checked as it is typed; undefined when cancelled. */
async function askCriteria(prompts: UserPrompts, staleAfterSeconds: number, initialSelector?: string): Promise<{ olderThanSeconds?: number; selectors: GroupSelector[] } | undefined> {
  const ageText = await prompts.inputCleanupAge(formatDuration(staleAfterSeconds), (text) => {
    const duration = text.trim() === '' ? undefined : parseDuration(text.trim());
    return duration && !duration.ok ? duration.error : undefined;
  });
  if (ageText === undefined) {
    return undefined;
  }
  const selectorText = await prompts.inputCleanupSelector((text) => {
    const selector = text.trim() === '' ? undefined : parseSelector(text.trim());
    return selector && !selector.ok ? selector.error : undefined;
  }, initialSelector);
  if (selectorText === undefined) {
    return undefined;
  }
  const age = ageText.trim() === '' ? undefined : parseDuration(ageText.trim());
  const selector = selectorText.trim() === '' ? undefined : parseSelector(selectorText.trim());
  if ((age && !age.ok) || (selector && !selector.ok)) {
    void prompts.notify('error', age && !age.ok ? age.error : selector && !selector.ok ? selector.error : '');
    return undefined;
  }
  return { olderThanSeconds: age?.value, selectors: selector ? [selector.value] : [] };
}

/**
 * "Clean Up Groups…" on a gateway: the groups older than an age (the explorer's staleness
 * judgement) and/or matching a selector, previewed with every one ticked; the ones left ticked go
 * through the one confirm-and-delete flow, which shows progress, failures and a summary.
 * `initialSelector`: the selector offered (from a warning about groups that pile up).
 */
export async function cleanUpGroups(gateways: GatewayService, prompts: UserPrompts, node?: ExplorerNode, initialSelector?: string): Promise<void> {
  if (!gateways.deletingAllowed()) {
    return;
  }
  if (node?.kind !== 'gateway') {
    void prompts.notify('info', 'Use "Clean Up Groups…" on a gateway in the Pushgateway view.');
    return;
  }
  const gateway = node.gateway;
  const settings = readExplorerSettings();
  const criteria = await askCriteria(prompts, (gateway.staleAfterHours ?? settings.staleAfterHours) * 3600, initialSelector);
  if (!criteria) {
    return;
  }
  const contents = await gateways.read(gateway);
  if (!contents.ok) {
    void prompts.notify('error', `Cannot read the groups of ${gateway.name}: ${contents.error.message}`);
    return;
  }
  const chosen = chooseGroups(contents.value.groups, criteria, { nowSeconds: Date.now() / 1000, lastSuccessPattern: settings.lastSuccessPattern });
  if (!chosen.ok) {
    void prompts.notify('info', `Nothing to clean up: ${chosen.error}.`);
    return;
  }
  if (chosen.value.length === 0) {
    void prompts.notify('info', `No group on ${gateway.name} to clean up (${contents.value.groups.length} checked).`);
    return;
  }
  const items = chosen.value.map((candidate) => ({ label: candidate.key, description: candidate.ageText, candidate }));
  const kept = await prompts.pickGroupsToDelete(items, `${chosen.value.length} of ${contents.value.groups.length} groups on ${gateway.name} would go: untick any to keep`);
  if (!kept || kept.length === 0) {
    return;
  }
  const targets = kept.map(({ candidate }: { candidate: CleanupCandidate }) => ({ gateway, key: groupingKeyOf(candidate.group.labels) }));
  await confirmAndDeleteGroups(gateways, prompts, targets, { progressLocation: { viewId: GATEWAYS_VIEW_ID }, reportSuccess: true });
}
