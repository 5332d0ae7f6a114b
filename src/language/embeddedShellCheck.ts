import * as vscode from 'vscode';
import { findEmbeddedScripts } from '../core/embedded/embeddedScripts';
import { lintEmbeddedShell } from '../core/embedded/lintEmbedded';
import { loadShellParser, ShellParser } from '../core/shell/tree/shellParser';
import { DebouncedDocuments } from './debouncedDocuments';
import { DIAGNOSTIC_SOURCE, toVscodeDiagnostic } from './diagnostics';
import { LintSettingsReader } from './lintSettings';

const DEBOUNCE_MS = 250;

/**
 * The findings of the shell scripts embedded in YAML documents (a CronJob's `sh -c`, a workflow's
 * `run:`, a GitLab job's `script:`), on the YAML's own lines. The shell parser is loaded at the
 * first YAML document that has a script; YAML without one costs a YAML parse. Off with
 * `pushgateway.lint.shellHeredocs`, like the lint of shell scripts.
 */
export class EmbeddedShellCheck implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-embedded-shell`);
  private readonly subscriptions: vscode.Disposable[];
  private readonly edits = new DebouncedDocuments(DEBOUNCE_MS, (document) => void this.publish(document));

  constructor(
    private readonly settings: LintSettingsReader,
    private readonly loadParser: () => Promise<ShellParser> = loadShellParser,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => void this.publish(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.edits.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      settings.onDidChange(() => this.publishAll()),
    ];
    this.publishAll();
  }

  private publishAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      void this.publish(document);
    }
  }

  private forget(document: vscode.TextDocument): void {
    this.edits.cancel(document);
    this.collection.delete(document.uri);
  }

  private async publish(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed || !isYaml(document)) {
      return;
    }
    const { severities, target, shellHeredocs } = this.settings.settings;
    const version = document.version;
    const found = findEmbeddedScripts(document.getText());
    if (!shellHeredocs || found.scripts.length === 0) {
      this.collection.delete(document.uri);
      return;
    }
    // Without the parser (its wasm missing), the heredocs of the scripts are still linted.
    const parser = await this.loadParser().catch(() => undefined);
    if (document.isClosed || document.version !== version) {
      return; // an edit came meanwhile: its own publish follows
    }
    const lint = lintEmbeddedShell(found, parser, { severities, target });
    this.collection.set(
      document.uri,
      lint.diagnostics.map((diagnostic) => toVscodeDiagnostic(diagnostic)),
    );
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions, this.edits, this.collection).dispose();
  }
}

function isYaml(document: vscode.TextDocument): boolean {
  return document.uri.scheme !== 'output' && (document.languageId === 'yaml' || /\.ya?ml$/i.test(document.uri.path));
}
