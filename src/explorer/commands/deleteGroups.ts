import * as vscode from 'vscode';
import { formatGroupingLabels } from '../../core/groups/groupHealth';
import { GatewayClient } from '../../core/gateway/client';
import { groupingKeyOf } from '../../core/gateway/groups';
import { GatewayGroup } from '../../core/gateway/groups';
import { GatewayConfig } from '../../core/gateway/gatewayConfig';
import { ExplorerNode, GatewayTreeProvider } from '../gatewayTreeProvider';
import { UserPrompts } from '../prompts';
import { GATEWAYS_VIEW_ID } from '../explorerView';
import { groupLabelsId } from '../../core/protocol/groupingKey';

type GroupNode = Extract<ExplorerNode, { kind: 'group' }>;

/** The gateway applies DELETE a moment after answering 202: wait until the groups are gone (2 s at most). */
export async function waitUntilDeleted(client: GatewayClient, groups: readonly GatewayGroup[]): Promise<void> {
  const keys = new Set(groups.map((group) => groupLabelsId(group.labels)));
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    const listed = await client.groups();
    if (!listed.ok || !listed.value.some((group) => keys.has(groupLabelsId(group.labels)))) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function deleteOnGateway(tree: GatewayTreeProvider, gateway: GatewayConfig, groups: readonly GatewayGroup[]): Promise<string[]> {
  const client = await tree.client(gateway);
  const failures: string[] = [];
  try {
    for (const group of groups) {
      const deleted = await client.deleteGroup(groupingKeyOf(group.labels));
      if (!deleted.ok) {
        failures.push(`${formatGroupingLabels(group.labels)}: ${deleted.error.message}`);
      }
    }
    await waitUntilDeleted(client, groups);
  } finally {
    await client.close();
  }
  return failures;
}

/** Whether groups may be deleted here: not in an untrusted workspace (the user is told). */
export function deletingAllowed(): boolean {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Deleting groups is disabled in an untrusted workspace.');
    return false;
  }
  return true;
}

/** Deletes the clicked group, or every selected group, after a modal confirmation that names them. */
export async function deleteGroups(tree: GatewayTreeProvider, prompts: UserPrompts, clicked?: ExplorerNode, selected?: readonly ExplorerNode[]): Promise<void> {
  if (!deletingAllowed()) {
    return;
  }
  const nodes = (selected && selected.length > 0 ? selected : clicked ? [clicked] : []).filter((node): node is GroupNode => node.kind === 'group');
  if (nodes.length === 0) {
    void vscode.window.showInformationMessage('Select the groups to delete in the Pushgateway view.');
    return;
  }
  const names = nodes.map((node) => `${formatGroupingLabels(node.group.labels)} on ${node.gateway.name}`);
  const message = nodes.length === 1 ? `Delete the group ${names[0]}?` : `Delete ${nodes.length} groups?`;
  const detail = `${names.join('\n')}\n\nAll their metrics are removed from the gateway. This cannot be undone.`;
  if (!(await prompts.confirm(message, detail, 'Delete'))) {
    return;
  }
  const byGateway = new Map<string, GroupNode[]>();
  for (const node of nodes) {
    byGateway.set(node.gateway.name, [...(byGateway.get(node.gateway.name) ?? []), node]);
  }
  const failures: string[] = [];
  await vscode.window.withProgress({ location: { viewId: GATEWAYS_VIEW_ID }, title: 'Deleting groups' }, async () => {
    for (const group of byGateway.values()) {
      const failed = await deleteOnGateway(tree, group[0].gateway, group.map((node) => node.group));
      failures.push(...failed);
      if (failed.length < group.length) {
        tree.announce({ kind: 'deleted', gatewayName: group[0].gateway.name });
      }
    }
  });
  tree.refresh();
  if (failures.length > 0) {
    void vscode.window.showErrorMessage(`Could not delete ${failures.length} group(s): ${failures.join('; ')}`);
  }
}

/** Deletes every group of a gateway: one admin wipe when the admin API is on, else one DELETE per group. */
export async function deleteAllGroups(tree: GatewayTreeProvider, prompts: UserPrompts, node?: ExplorerNode): Promise<void> {
  if (!deletingAllowed()) {
    return;
  }
  if (node?.kind !== 'gateway') {
    void vscode.window.showInformationMessage('Use "Delete All Groups" on a gateway in the Pushgateway view.');
    return;
  }
  const snapshot = await tree.snapshot(node.gateway);
  if (!snapshot.ok) {
    void vscode.window.showErrorMessage(`Cannot read the groups of ${node.gateway.name}: ${snapshot.error.message}`);
    return;
  }
  const count = snapshot.groups.length;
  if (count === 0) {
    void vscode.window.showInformationMessage(`${node.gateway.name} has no groups.`);
    return;
  }
  const how = snapshot.status?.adminApiEnabled ? 'with the admin API (one wipe)' : `with ${count} DELETE requests`;
  if (!(await prompts.confirm(`Delete all ${count} groups on ${node.gateway.name}?`, `Every metric on ${node.gateway.url} is removed, ${how}. This cannot be undone.`, `Delete ${count} Groups`))) {
    return;
  }
  let failures: string[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deleting ${count} groups on ${node.gateway.name}` }, async () => {
    if (snapshot.status?.adminApiEnabled) {
      const client = await tree.client(node.gateway);
      try {
        const wiped = await client.wipe();
        failures = wiped.ok ? [] : [wiped.error.message];
        await waitUntilDeleted(client, snapshot.groups);
      } finally {
        await client.close();
      }
    } else {
      failures = await deleteOnGateway(tree, node.gateway, snapshot.groups);
    }
  });
  if (failures.length < count) {
    tree.announce({ kind: 'deleted', gatewayName: node.gateway.name });
  }
  tree.refresh();
  if (failures.length > 0) {
    void vscode.window.showErrorMessage(`Could not delete every group on ${node.gateway.name}: ${failures.join('; ')}`);
  }
}
