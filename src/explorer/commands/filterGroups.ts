import * as vscode from 'vscode';
import { UserPrompts } from '../../ui/prompts';
import { GatewayTreeProvider } from '../gatewayTreeProvider';

/** Asks for a text; the explorer then shows only the groups whose labels or family names contain it. */
export async function filterGroups(tree: GatewayTreeProvider, view: vscode.TreeView<unknown>, prompts: UserPrompts): Promise<void> {
  const text = await prompts.inputGroupFilter(tree.filter);
  if (text === undefined) {
    return;
  }
  tree.setFilter(text);
  view.message = text.trim() ? `Filtered: groups matching "${text.trim()}"` : undefined;
}
