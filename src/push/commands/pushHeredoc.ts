import * as vscode from 'vscode';
import { GatewayConfig } from '../../core/gateway/gatewayConfig';
import { PushService } from '../pushService';
import { userPrompts } from '../../ui/prompts';

/**
 * Pushes the heredoc under the cursor (or the one a CodeLens points at) to the gateway of its URL,
 * or, for `mock`, to the embedded mock gateway as a dry run.
 */
export async function pushHeredoc(push: PushService, startMock: () => Promise<GatewayConfig | undefined>, uri?: unknown, line?: unknown, mode?: unknown): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document) {
    void userPrompts().notify('info', 'Open a shell script and put the cursor on its metric heredoc.');
    return false;
  }
  const atLine = typeof line === 'number' ? line : (editor?.selection.active.line ?? 0);
  return push.pushHeredoc(document, atLine, mode === 'mock' ? 'mock' : 'gateway', startMock);
}
