import * as vscode from 'vscode';
import { PushService } from '../pushService';
import { userPrompts } from '../../ui/prompts';

/** Deletes the group of the `curl -X DELETE` command under the cursor (or the one a CodeLens points at). */
export async function deleteGroupFromScript(push: PushService, uri?: unknown, line?: unknown): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document) {
    void userPrompts().notify('info', 'Open a shell script and put the cursor on its curl -X DELETE command.');
    return false;
  }
  return push.deleteGroupFromScript(document, typeof line === 'number' ? line : (editor?.selection.active.line ?? 0));
}
