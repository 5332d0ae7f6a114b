import * as vscode from 'vscode';
import { GatewayTreeProvider } from '../gatewayTreeProvider';

/** Asks for a text; the explorer then shows only the groups whose labels or family names contain it. */
export async function filterGroups(tree: GatewayTreeProvider, view: vscode.TreeView<unknown>): Promise<void> {
  const text = await vscode.window.showInputBox({
    title: 'Filter Groups',
    prompt: 'Show groups whose labels or metric names contain this text (empty: show all)',
    value: tree.filter,
    placeHolder: 'backup',
  });
  if (text === undefined) {
    return;
  }
  tree.setFilter(text);
  view.message = text.trim() ? `Filtered: groups matching "${text.trim()}"` : undefined;
}
