import * as path from 'node:path';
import * as vscode from 'vscode';
import { clientCodeOf, clientLanguageOf } from '../core/clients/analyseClientCode';
import { ClientPushSite, siteGatewayUrl } from '../core/clients/clientSite';
import { loadTreeParser } from '../core/shell/tree/shellParser';

/** Python and Go files, by language id or by name (a host without a Python or Go extension still names them .py/.go). */
export const CLIENT_LIBRARY_SELECTOR: vscode.DocumentSelector = [{ language: 'python' }, { language: 'go' }, { pattern: '**/*.{py,pyw,go}' }];

/**
 * The push and delete sites of a Python or Go document; the grammar is loaded at the first
 * document that uses a Prometheus client, never at activation. Without its grammar (the wasm
 * missing), none: the diagnostics of the same file are empty too.
 */
export async function clientSitesOf(document: vscode.TextDocument): Promise<readonly ClientPushSite[]> {
  const language = clientLanguageOf(document.languageId, document.fileName);
  return language === undefined ? [] : (await clientCodeOf(language, document.getText(), loadTreeParser, () => undefined)).sites;
}

/** Above each prometheus_client / client_golang push or delete: "Delete this group" and "Dry-run", which runs nothing of the code. */
export class ClientLibraryCodeLens implements vscode.CodeLensProvider {
  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const sites = await clientSitesOf(document);
    return sites.flatMap((site) => {
      const range = new vscode.Range(site.line, 0, site.line, 0);
      const host = hostOf(siteGatewayUrl(site));
      const on = host === undefined ? '' : ` on ${host}`;
      return [
        new vscode.CodeLens(range, { title: `$(trash) Delete this group${on}`, command: 'pushgateway.deleteClientLibraryGroup', arguments: [document.uri, site.line] }),
        new vscode.CodeLens(range, { title: '$(beaker) Dry-run (runs nothing)', command: 'pushgateway.dryRunClientLibraryPush', arguments: [document.uri, site.line] }),
      ];
    });
  }
}

/** The host of a gateway URL the code spells out; undefined when there is none or it is not a URL. */
function hostOf(url: string | undefined): string | undefined {
  if (url === undefined || !URL.canParse(url)) {
    return undefined;
  }
  return new URL(url).host;
}

/** The site on `line` of the document at `uri` (the one a CodeLens points at). */
export async function clientSiteAt(uri: unknown, line: unknown): Promise<{ document: vscode.TextDocument; site: ClientPushSite | undefined } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document) {
    return undefined;
  }
  const at = typeof line === 'number' ? line : (editor?.selection.active.line ?? 0);
  const sites = await clientSitesOf(document);
  return { document, site: sites.find((site) => site.line <= at && at <= site.endLine) };
}

export function displayName(document: vscode.TextDocument): string {
  return path.basename(document.fileName);
}
