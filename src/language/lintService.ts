import * as vscode from 'vscode';
import { lintExposition, LintResult } from '../core/exposition/lint';
import { EXPOSITION_LANGUAGE_ID } from './languageIds';
import { LintSettingsReader } from './lintSettings';

export interface LintedExposition {
  readonly version: number;
  readonly text: string;
  readonly result: LintResult;
}

/**
 * Lints exposition documents, keeping the latest result per document so that diagnostics, quick
 * fixes, hover and the outline share one parse per edit.
 */
export class LintService implements vscode.Disposable {
  private readonly cache = new Map<string, LintedExposition>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly settings: LintSettingsReader) {
    this.subscriptions = [
      settings.onDidChange(() => this.cache.clear()),
      vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.toString())),
    ];
  }

  exposition(document: vscode.TextDocument): LintedExposition | undefined {
    if (document.languageId !== EXPOSITION_LANGUAGE_ID) {
      return undefined;
    }
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) {
      return cached;
    }
    const text = document.getText();
    const linted = { version: document.version, text, result: lintExposition(text, { severities: this.settings.settings.severities }) };
    this.cache.set(key, linted);
    return linted;
  }

  dispose(): void {
    this.cache.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
