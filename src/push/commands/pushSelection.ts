import * as vscode from 'vscode';
import { selectedLines } from '../../core/exposition/selectedLines';
import { PushService } from '../pushService';
import { userPrompts } from '../../ui/prompts';

/** Pushes the selected lines of the active editor (whole lines, so samples are not cut). */
export async function pushSelection(push: PushService): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    void userPrompts().notify('info', 'Select the lines to push.');
    return false;
  }
  const { first, last } = selectedLines(editor.selection.start, editor.selection.end);
  const range = new vscode.Range(first, 0, last, editor.document.lineAt(last).text.length);
  return push.push({ document: editor.document, text: editor.document.getText(range), firstLine: first });
}
