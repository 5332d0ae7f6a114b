import * as vscode from 'vscode';
import { groupLabelsId } from '../../core/protocol/groupingKey';
import { GATEWAYS_VIEW_ID } from '../explorerView';
import { ExplorerNode } from '../explorerModel';
import { GatewayTreeProvider } from '../gatewayTreeProvider';
import { userPrompts } from '../../ui/prompts';

const REVEAL_ATTEMPTS = 3;
const REVEAL_RETRY_MS = 100;
const SELECTION_WAIT_MS = 1_000;

/** Whether the view's selection holds the group, waiting a moment for the tree's redraw. */
async function selectionSettlesOn(view: vscode.TreeView<ExplorerNode>, gatewayName: string, labels: Record<string, string>): Promise<boolean> {
  const wanted = groupLabelsId(labels);
  for (let waited = 0; waited <= SELECTION_WAIT_MS; waited += REVEAL_RETRY_MS) {
    if (view.selection.some((node) => node.kind === 'group' && node.gateway.name === gatewayName && groupLabelsId(node.group.labels) === wanted)) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, REVEAL_RETRY_MS));
  }
  return false;
}

/**
 * Shows the explorer with the group of these grouping labels (job included) selected, read afresh
 * from its gateway; TreeView.reveal opens the view, `focus` also moves the keyboard there. Returns
 * the group's node, or undefined when the gateway does not hold it (a message says so).
 */
export async function revealGroup(
  tree: GatewayTreeProvider,
  view: vscode.TreeView<ExplorerNode>,
  gatewayName: string,
  labels: Record<string, string>,
  options: { focus: boolean } = { focus: true },
): Promise<ExplorerNode | undefined> {
  tree.refresh();
  if (options.focus) {
    await vscode.commands.executeCommand(`${GATEWAYS_VIEW_ID}.focus`);
  }
  // The refresh redraws the tree meanwhile, and a reveal during the redraw can fail: try again on the redrawn tree.
  let lastError: unknown;
  for (let attempt = 0; attempt < REVEAL_ATTEMPTS; attempt++) {
    const node = await tree.findGroup(gatewayName, labels);
    if (!node) {
      const filtered = tree.filter ? ` or hidden by the filter "${tree.filter}"` : '';
      void userPrompts().notify('warning', `The group is not on ${gatewayName} any more${filtered}.`);
      return undefined;
    }
    try {
      await view.reveal(node, { select: true, focus: options.focus, expand: true });
      if (await selectionSettlesOn(view, gatewayName, labels)) {
        return node;
      }
      lastError = new Error('the redrawn tree dropped the selection');
    } catch (error) {
      lastError = error;
    }
  }
  void userPrompts().notify('warning', `Could not select the group in the explorer: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
  return tree.findGroup(gatewayName, labels);
}
