import * as vscode from 'vscode';
import { findEmbeddedScripts } from '../core/embedded/embeddedScripts';
import { lintEmbeddedShell } from '../core/embedded/lintEmbedded';
import { Diagnostic } from '../core/exposition/diagnostic';
import { loadShellParser, ShellParser } from '../core/shell/tree/shellParser';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { DocumentCheck } from './documentCheck';
import { LintSettingsReader } from './lintSettings';

/**
 * The findings of the shell scripts embedded in YAML documents (a CronJob's `sh -c`, a workflow's
 * `run:`, a GitLab job's `script:`), on the YAML's own lines. The shell parser is loaded at the
 * first YAML document that has a script; YAML without one costs a YAML parse. Off with
 * `pushgateway.lint.shellHeredocs`, like the lint of shell scripts.
 */
export class EmbeddedShellCheck implements vscode.Disposable {
  private readonly check: DocumentCheck;

  constructor(
    private readonly settings: LintSettingsReader,
    private readonly loadParser: () => Promise<ShellParser> = loadShellParser,
  ) {
    this.check = new DocumentCheck(`${DIAGNOSTIC_SOURCE}-embedded-shell`, {
      applies: isYaml,
      findings: (document) => this.findings(document),
      checkAgainOn: settings.onDidChange,
    });
  }

  private async findings(document: vscode.TextDocument): Promise<Diagnostic[]> {
    const { severities, target, shellHeredocs } = this.settings.settings;
    if (!shellHeredocs) {
      return [];
    }
    const found = findEmbeddedScripts(document.getText());
    if (found.scripts.length === 0) {
      return [];
    }
    // Without the parser (its wasm missing), the heredocs of the scripts are still linted.
    const parser = await this.loadParser().catch(() => undefined);
    return lintEmbeddedShell(found, parser, { severities, target }).diagnostics;
  }

  dispose(): void {
    this.check.dispose();
  }
}

function isYaml(document: vscode.TextDocument): boolean {
  return document.languageId === 'yaml' || /\.ya?ml$/i.test(document.uri.path);
}
