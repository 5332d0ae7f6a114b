import * as vscode from 'vscode';
import { GATEWAYS_VIEW_ID } from '../explorerView';
import { ExplorerNode, GatewayTreeProvider } from '../gatewayTreeProvider';

function isLabelRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((label) => typeof label === 'string');
}

/**
 * Shows the explorer with the group of these grouping labels (job included) selected, read afresh
 * from its gateway; TreeView.reveal opens the view, `focus` also moves the keyboard there. Returns
 * the group's node, or undefined when the gateway does not hold it (a message says so).
 */
export async function revealGroup(tree: GatewayTreeProvider, view: vscode.TreeView<ExplorerNode>, gatewayName: unknown, labels: unknown, options: { focus: boolean } = { focus: true }): Promise<ExplorerNode | undefined> {
  if (typeof gatewayName !== 'string' || !isLabelRecord(labels)) {
    void vscode.window.showInformationMessage('Reveal a group from the notification that follows a push.');
    return undefined;
  }
  tree.refresh();
  if (options.focus) {
    await vscode.commands.executeCommand(`${GATEWAYS_VIEW_ID}.focus`);
  }
  const node = await tree.findGroup(gatewayName, labels);
  if (!node) {
    const filtered = tree.filter ? ` or hidden by the filter "${tree.filter}"` : '';
    void vscode.window.showWarningMessage(`The group is not on ${gatewayName} any more${filtered}.`);
    return undefined;
  }
  try {
    await view.reveal(node, { select: true, focus: options.focus, expand: true });
  } catch (error) {
    // The tree may be redrawn by a refresh meanwhile; the group is there, only not selected.
    void vscode.window.showWarningMessage(`Could not select the group in the explorer: ${error instanceof Error ? error.message : String(error)}`);
  }
  return node;
}
