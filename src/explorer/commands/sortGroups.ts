import * as vscode from 'vscode';
import { GroupOrder } from '../../core/groups/groupHealth';
import { GatewayTreeProvider } from '../gatewayTreeProvider';

/** Chooses the order of groups: those needing attention first, or by name. */
export async function sortGroups(tree: GatewayTreeProvider): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Failed and stale first', order: 'attention' as GroupOrder },
      { label: 'By name', order: 'name' as GroupOrder },
    ],
    { title: 'Sort Groups' },
  );
  if (picked) {
    tree.setOrder(picked.order);
  }
}
