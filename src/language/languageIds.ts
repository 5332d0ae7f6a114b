import * as vscode from 'vscode';

export const EXPOSITION_LANGUAGE_ID = 'prometheus-exposition';
export const SHELL_LANGUAGE_ID = 'shellscript';

export const EXPOSITION_SELECTOR: vscode.DocumentSelector = [{ language: EXPOSITION_LANGUAGE_ID }];
