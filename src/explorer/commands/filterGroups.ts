import * as vscode from 'vscode';
import { UserPrompts } from '../../ui/prompts';
import { GatewayTreeProvider } from '../gatewayTreeProvider';

/** Asks for a text; the explorer then shows only the groups whose labels or family names contain it. */
export async function filterGroups(tree: GatewayTreeProvider, view: vscode.TreeView<unknown>, prompts: UserPrompts): Promise<void> {
  const text = await prompts.inputGroupFilter(tree.filter);
  if (text === undefined) {
    return;
  }
  applyFilter(tree, view, text);
}

/** The Clear Filter button in the view's title, shown while a filter is set. */
export function clearGroupFilter(tree: GatewayTreeProvider, view: vscode.TreeView<unknown>): void {
  applyFilter(tree, view, '');
}

const FILTERED_CONTEXT = 'pushgateway.groupsFiltered';

function applyFilter(tree: GatewayTreeProvider, view: vscode.TreeView<unknown>, text: string): void {
  tree.setFilter(text);
  view.message = text.trim() ? `Filtered: groups matching "${text.trim()}"` : undefined;
  void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, text.trim() !== '');
}
