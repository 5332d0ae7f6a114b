import * as vscode from 'vscode';
import { formatGroupingLabels } from '../../core/protocol/labelText';
import { renderGroup } from '../../core/gateway/renderGroup';
import { EXPOSITION_LANGUAGE_ID, groupDocumentUri } from '../../language/languageIds';
import { ExplorerNode } from '../explorerModel';
import { userPrompts } from '../../ui/prompts';

/** Read-only documents holding a group's metrics as the explorer last read them. */
export class GroupDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '# This group is no longer in the explorer: refresh and open it again.\n';
  }

  /** Opens a group in the exposition language, so it is highlighted and linted like a file. */
  async open(node?: ExplorerNode, options: { beside?: boolean } = {}): Promise<void> {
    if (node?.kind !== 'group') {
      void userPrompts().notify('info', 'Use "Open as Document" on a group in the Pushgateway view.');
      return;
    }
    const uri = groupDocumentUri(node.gateway.name, formatGroupingLabels(node.group.labels));
    this.contents.set(uri.toString(), renderGroup(node.group));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, EXPOSITION_LANGUAGE_ID);
    await vscode.window.showTextDocument(document, options.beside ? { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true } : { preview: true });
  }
}
