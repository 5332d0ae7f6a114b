import * as vscode from 'vscode';
import { compareDiagnostics, Diagnostic } from '../core/exposition/diagnostic';
import { DebouncedDocuments } from './debouncedDocuments';
import { EXPOSITION_LANGUAGE_ID } from './languageIds';
import { LintService } from './lintService';
import { LintSettingsReader } from './lintSettings';
import { toDiagnosticSeverity, toRange } from './spans';

export const DIAGNOSTIC_SOURCE = 'pushgateway';
const DEBOUNCE_MS = 250;

export function toVscodeDiagnostic(diagnostic: Diagnostic, range = toRange(diagnostic.span)): vscode.Diagnostic {
  const result = new vscode.Diagnostic(range, diagnostic.message, toDiagnosticSeverity(diagnostic.severity));
  result.code = diagnostic.code;
  result.source = DIAGNOSTIC_SOURCE;
  return result;
}

/** Keeps the Problems of open exposition documents current: on open, after edits (debounced), on settings changes. */
export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly edits = new DebouncedDocuments(DEBOUNCE_MS, (document) => this.publish(document));
  /** What each document shows, as text: the same findings again (e.g. once the shell parser has loaded) are not re-published, which would churn every open editor's markers. */
  private readonly published = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly lint: LintService,
    settings: LintSettingsReader,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.publish(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.edits.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      // Saving can add or drop the byte order mark, which the text does not show.
      vscode.workspace.onDidSaveTextDocument((document) => this.publish(document)),
      settings.onDidChange(() => this.publishAll()),
      lint.onDidChangeResults(() => this.publishAll()),
    ];
    this.publishAll();
  }

  private publishAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      this.publish(document);
    }
  }

  private publish(document: vscode.TextDocument): void {
    if (document.isClosed) {
      return;
    }
    const diagnostics = document.languageId === EXPOSITION_LANGUAGE_ID ? this.lint.exposition(document)?.result.diagnostics : this.shellDiagnostics(document);
    const key = document.uri.toString();
    if (diagnostics) {
      const shown = JSON.stringify(diagnostics);
      if (this.published.get(key) === shown && this.collection.has(document.uri)) {
        return;
      }
      this.published.set(key, shown);
      this.collection.set(
        document.uri,
        diagnostics.map((d) => toVscodeDiagnostic(d)),
      );
    } else {
      this.published.delete(key);
      this.collection.delete(document.uri);
    }
  }

  private shellDiagnostics(document: vscode.TextDocument): Diagnostic[] | undefined {
    const script = this.lint.shellScript(document);
    return script && [...script.lint.diagnostics, ...script.lastSuccessHints.map((hint) => hint.diagnostic)].sort(compareDiagnostics);
  }

  private forget(document: vscode.TextDocument): void {
    this.edits.cancel(document);
    this.published.delete(document.uri.toString());
    this.collection.delete(document.uri);
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions, this.edits, this.collection).dispose();
  }
}
