import * as vscode from 'vscode';
import { PushService } from '../pushService';

/** Pushes the selected lines of the active editor (whole lines, so samples are not cut). */
export async function pushSelection(push: PushService): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage('Select the lines to push.');
    return false;
  }
  const { start, end } = editor.selection;
  const lastLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  const range = new vscode.Range(start.line, 0, lastLine, editor.document.lineAt(lastLine).text.length);
  return push.push({ document: editor.document, text: editor.document.getText(range), firstLine: start.line });
}
