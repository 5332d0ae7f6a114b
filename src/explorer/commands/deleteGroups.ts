import * as vscode from 'vscode';
import { formatGroupingLabels } from '../../core/protocol/labelText';
import { groupingKeyOf } from '../../core/protocol/groupingKey';
import { confirmAndDeleteGroups } from '../../gateways/deleteGroupsFlow';
import { GatewayService } from '../../gateways/gatewayService';
import { UserPrompts } from '../../ui/prompts';
import { ExplorerNode, GroupNode } from '../explorerModel';
import { GATEWAYS_VIEW_ID } from '../explorerView';
import { GatewayTreeProvider } from '../gatewayTreeProvider';

/** Deletes the clicked group, or every selected group, after a modal confirmation that names them. */
export async function deleteGroups(gateways: GatewayService, prompts: UserPrompts, clicked?: ExplorerNode, selected?: readonly ExplorerNode[]): Promise<void> {
  if (!gateways.deletingAllowed()) {
    return;
  }
  const nodes = (selected && selected.length > 0 ? selected : clicked ? [clicked] : []).filter((node): node is GroupNode => node.kind === 'group');
  if (nodes.length === 0) {
    void prompts.notify('info', 'Select the groups to delete in the Pushgateway view.');
    return;
  }
  const targets = nodes.map((node) => ({ gateway: node.gateway, key: groupingKeyOf(node.group.labels) }));
  await confirmAndDeleteGroups(gateways, prompts, targets, { progressLocation: { viewId: GATEWAYS_VIEW_ID }, reportSuccess: false });
}

/** Deletes every group of a gateway: one admin wipe when the admin API is on, else one DELETE per group. */
export async function deleteAllGroups(gateways: GatewayService, tree: GatewayTreeProvider, prompts: UserPrompts, node?: ExplorerNode): Promise<void> {
  if (!gateways.deletingAllowed()) {
    return;
  }
  if (node?.kind !== 'gateway') {
    void prompts.notify('info', 'Use "Delete All Groups" on a gateway in the Pushgateway view.');
    return;
  }
  // Read now, not the view's last read: a gateway that went down since must not get a confirmation first.
  const read = await gateways.read(node.gateway);
  if (!read.ok) {
    tree.refresh();
    await prompts.alert(`Cannot delete the groups of ${node.gateway.name}: the gateway did not answer.`, `${node.gateway.url}: ${read.error.message}\n\nNothing was deleted.`);
    return;
  }
  const snapshot = read.value;
  const count = snapshot.groups.length;
  if (count === 0) {
    void prompts.notify('info', `${node.gateway.name} has no groups.`);
    return;
  }
  const adminApi = snapshot.status?.adminApiEnabled === true;
  const one = count === 1;
  const how = adminApi ? 'with the admin API (one wipe)' : one ? 'with one DELETE request' : `with ${count} DELETE requests`;
  const question = one ? `Delete the only group on ${node.gateway.name}?` : `Delete all ${count} groups on ${node.gateway.name}?`;
  if (!(await prompts.confirm(question, `Every metric on ${node.gateway.url} is removed, ${how}. This cannot be undone.`, one ? 'Delete 1 Group' : `Delete ${count} Groups`))) {
    return;
  }
  const failures = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deleting ${one ? '1 group' : `${count} groups`} on ${node.gateway.name}` }, async () => {
    if (adminApi) {
      const { result } = await gateways.wipe(node.gateway, snapshot.groups);
      return result.ok ? [] : [result.error.message];
    }
    const { results } = await gateways.deleteGroups(
      node.gateway,
      snapshot.groups.map((group) => groupingKeyOf(group.labels)),
    );
    return results.flatMap((result, index) => (result.ok ? [] : [`${formatGroupingLabels(snapshot.groups[index].labels)}: ${result.error.message}`]));
  });
  if (failures.length > 0) {
    tree.refresh();
    void prompts.notify('error', `Could not delete every group on ${node.gateway.name}: ${failures.join('; ')}`);
  }
}
