import * as vscode from 'vscode';
import { lintExposition, LintResult } from '../core/exposition/lint';
import { lintShellScript, ShellScriptLint } from '../core/lintShellScript';
import { EXPOSITION_LANGUAGE_ID, SHELL_LANGUAGE_ID } from './languageIds';
import { LintSettingsReader } from './lintSettings';
import { GROUP_DOCUMENT_SCHEME } from '../explorer/commands/openGroupAsDocument';

/** A group as the gateway serves it carries its grouping labels and push times: rules about what a push should not contain do not apply. */
const SERVED_GROUP_SEVERITIES = { 'url-label-in-body': 'off', 'gateway-owned-metric': 'off' } as const;

export interface LintedExposition {
  readonly version: number;
  readonly text: string;
  readonly result: LintResult;
}

export interface LintedShellScript {
  readonly version: number;
  readonly lint: ShellScriptLint;
}

/**
 * Lints exposition documents and the metric heredocs of shell scripts, keeping the latest result per document so that diagnostics, quick
 * fixes, hover and the outline share one parse per edit.
 */
export class LintService implements vscode.Disposable {
  private readonly cache = new Map<string, LintedExposition>();
  private readonly shellCache = new Map<string, LintedShellScript>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly settings: LintSettingsReader) {
    this.subscriptions = [
      settings.onDidChange(() => {
        this.cache.clear();
        this.shellCache.clear();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.cache.delete(document.uri.toString());
        this.shellCache.delete(document.uri.toString());
      }),
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
    const severities = document.uri.scheme === GROUP_DOCUMENT_SCHEME ? { ...this.settings.settings.severities, ...SERVED_GROUP_SEVERITIES } : this.settings.settings.severities;
    const linted = { version: document.version, text, result: lintExposition(text, { severities }) };
    this.cache.set(key, linted);
    return linted;
  }

  /** The metric heredocs of a shell script, linted; undefined for other documents or when turned off. */
  shellScript(document: vscode.TextDocument): LintedShellScript | undefined {
    if (document.languageId !== SHELL_LANGUAGE_ID || !this.settings.settings.shellHeredocs) {
      return undefined;
    }
    const key = document.uri.toString();
    const cached = this.shellCache.get(key);
    if (cached && cached.version === document.version) {
      return cached;
    }
    const linted = { version: document.version, lint: lintShellScript(document.getText(), { severities: this.settings.settings.severities }) };
    this.shellCache.set(key, linted);
    return linted;
  }

  dispose(): void {
    this.cache.clear();
    this.shellCache.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
