import * as vscode from 'vscode';
import { analyseClientCode, clientLanguageOf, mayUseClient } from '../core/clients/analyseClientCode';
import { lintDeclaredMetrics } from '../core/clients/clientMetricLint';
import { ClientLanguage } from '../core/clients/clientSite';
import { loadTreeParser, TreeParser } from '../core/shell/tree/shellParser';
import { DebouncedDocuments } from './debouncedDocuments';
import { DIAGNOSTIC_SOURCE, toVscodeDiagnostic } from './diagnostics';
import { LintSettingsReader } from './lintSettings';

const DEBOUNCE_MS = 250;

/**
 * The name and label findings of the metrics Python (prometheus_client) and Go (client_golang)
 * code declares, on the declaration's own line and column. The code itself is never linted as
 * exposition. A language's grammar is loaded at the first document that mentions its client; a
 * document that does not costs a text search.
 */
export class ClientLibraryCheck implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-client-library`);
  private readonly edits = new DebouncedDocuments(DEBOUNCE_MS, (document) => void this.publish(document));
  /** The document version each document's findings were computed for: the same version is not analysed again. */
  private readonly checkedVersions = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly settings: LintSettingsReader,
    private readonly loadParser: (language: ClientLanguage) => Promise<TreeParser> = loadTreeParser,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => void this.publish(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.edits.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      settings.onDidChange(() => {
        this.checkedVersions.clear();
        this.publishAll();
      }),
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
    this.checkedVersions.delete(document.uri.toString());
    this.collection.delete(document.uri);
  }

  private async publish(document: vscode.TextDocument): Promise<void> {
    const language = document.uri.scheme === 'output' ? undefined : clientLanguageOf(document.languageId, document.fileName);
    const key = document.uri.toString();
    if (document.isClosed || language === undefined || this.checkedVersions.get(key) === document.version) {
      return;
    }
    const version = document.version;
    const text = document.getText();
    if (!mayUseClient(language, text)) {
      this.checkedVersions.set(key, version);
      this.collection.delete(document.uri);
      return;
    }
    const parser = await this.loadParser(language).catch(() => undefined);
    if (document.isClosed || document.version !== version) {
      return; // an edit came meanwhile: its own publish follows
    }
    if (parser === undefined) {
      this.collection.delete(document.uri); // without its grammar (wasm missing) nothing is found
      return;
    }
    const { severities, target } = this.settings.settings;
    const findings = lintDeclaredMetrics(language, analyseClientCode(language, parser, text).metrics, { severities, target });
    this.checkedVersions.set(key, version);
    this.collection.set(
      document.uri,
      findings.map((finding) => toVscodeDiagnostic(finding)),
    );
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions, this.edits, this.collection).dispose();
  }
}
