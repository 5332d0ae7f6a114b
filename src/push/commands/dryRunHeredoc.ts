import * as vscode from 'vscode';
import { GatewayConfig } from '../../core/gateway/gatewayConfig';
import { SHELL_LANGUAGE_ID } from '../../language/languageIds';
import { PushService } from '../pushService';
import { userPrompts } from '../../ui/prompts';

/**
 * Dry-runs a heredoc on the mock from the palette or the walkthrough, where the script may not be the
 * active editor: the heredoc under the cursor of the shown shell script, else its only pushed heredoc.
 */
export async function dryRunHeredoc(push: PushService, startMock: () => Promise<GatewayConfig | undefined>): Promise<boolean> {
  const active = vscode.window.activeTextEditor;
  const editor = active?.document.languageId === SHELL_LANGUAGE_ID ? active : vscode.window.visibleTextEditors.find((shown) => shown.document.languageId === SHELL_LANGUAGE_ID);
  if (!editor) {
    void userPrompts().notify('info', 'Open a shell script that pushes metrics with a heredoc (e.g. "Pushgateway: Open the Walkthrough\'s Sample Script").');
    return false;
  }
  return push.pushHeredoc(editor.document, editor.selection.active.line, 'mock', startMock, { orTheOnlyOne: true });
}
