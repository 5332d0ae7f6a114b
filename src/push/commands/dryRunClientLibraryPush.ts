import * as vscode from 'vscode';
import { clientDryRunText } from '../../core/clients/dryRunText';
import { EXPOSITION_LANGUAGE_ID } from '../../language/languageIds';
import { userPrompts } from '../../ui/prompts';
import { clientSiteAt, displayName } from '../clientLibraryCodeLens';

/**
 * The dry run of a prometheus_client or client_golang push: runs nothing of the user's code. It opens
 * an untitled exposition document beside the code with the request the call would make and the
 * metric families its registry declares; being exposition, that document gets the same lint,
 * highlighting and outline as a .prom file, and can be filled in and pushed from there.
 */
export async function dryRunClientLibraryPush(uri?: unknown, line?: unknown): Promise<boolean> {
  const found = await clientSiteAt(uri, line);
  if (!found?.site) {
    void userPrompts().notify('info', 'Put the cursor on a push_to_gateway, pushadd_to_gateway or delete_from_gateway call (Python), or a push.New(...)...Push() (Go).');
    return false;
  }
  const content = clientDryRunText(found.site, displayName(found.document));
  const document = await vscode.workspace.openTextDocument({ language: EXPOSITION_LANGUAGE_ID, content });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
  return true;
}
