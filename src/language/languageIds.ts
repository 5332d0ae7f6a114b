import * as vscode from 'vscode';

export const EXPOSITION_LANGUAGE_ID = 'prometheus-exposition';
export const SHELL_LANGUAGE_ID = 'shellscript';

/** The scheme of the read-only documents that show a group as a gateway serves it (opened from the explorer). */
export const GROUP_DOCUMENT_SCHEME = 'pushgateway-group';

/** A group document's URI: `/<gateway name>/<group's labels>.prom` (characters no file name takes replaced). */
export function groupDocumentUri(gatewayName: string, groupLabelsText: string): vscode.Uri {
  return vscode.Uri.from({ scheme: GROUP_DOCUMENT_SCHEME, path: `/${gatewayName}/${groupLabelsText.replace(/[\\/:*?"<>|]/g, '_')}.prom` });
}

/** The name of the gateway a group document was opened from; undefined for any other document. */
export function gatewayNameOfGroupDocument(uri: vscode.Uri): string | undefined {
  return uri.scheme === GROUP_DOCUMENT_SCHEME ? uri.path.slice(1, uri.path.lastIndexOf('/')) : undefined;
}

export const EXPOSITION_SELECTOR: vscode.DocumentSelector = [{ language: EXPOSITION_LANGUAGE_ID }];
