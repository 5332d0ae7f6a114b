import * as vscode from 'vscode';
import { PushService } from '../pushService';
import { userPrompts } from '../../ui/prompts';

/** Pushes the whole active document. */
export async function pushBuffer(push: PushService): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void userPrompts().notify('info', 'Open an exposition document to push it.');
    return false;
  }
  return push.push({ document: editor.document, text: editor.document.getText(), firstLine: 0 });
}
