import * as vscode from 'vscode';

export const EXPOSITION_LANGUAGE_ID = 'prometheus-exposition';
export const SHELL_LANGUAGE_ID = 'shellscript';

/** The scheme of the read-only documents that show a group as a gateway serves it (opened from the explorer). */
export const GROUP_DOCUMENT_SCHEME = 'pushgateway-group';

export const EXPOSITION_SELECTOR: vscode.DocumentSelector = [{ language: EXPOSITION_LANGUAGE_ID }];
