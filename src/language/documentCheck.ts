import * as vscode from 'vscode';
import { Diagnostic } from '../core/exposition/diagnostic';
import { DebouncedDocuments } from './debouncedDocuments';
import { toVscodeDiagnostic } from './diagnostics';

const DEBOUNCE_MS = 250;

export interface DocumentCheckSpec {
  /** The documents the check reads; others get nothing. */
  readonly applies: (document: vscode.TextDocument) => boolean;
  /** The findings of the document as it is now; it may wait (e.g. for a grammar to load). */
  readonly findings: (document: vscode.TextDocument) => Promise<Diagnostic[]>;
  /** When every open document is checked again (a settings change). */
  readonly checkAgainOn: vscode.Event<unknown>;
}

/**
 * One diagnostic collection kept current for the documents a check applies to: on open, after
 * edits (debounced), when `checkAgainOn` fires; each document version checked once, and findings
 * that arrive after a newer edit or settings change dropped (that one's own check follows).
 */
export class DocumentCheck implements vscode.Disposable {
  private readonly collection: vscode.DiagnosticCollection;
  private readonly edits = new DebouncedDocuments(DEBOUNCE_MS, (document) => void this.publish(document));
  private readonly checkedVersions = new Map<string, number>();
  /** Counts `checkAgainOn`: findings computed before the latest one are stale. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    collectionName: string,
    private readonly spec: DocumentCheckSpec,
  ) {
    this.collection = vscode.languages.createDiagnosticCollection(collectionName);
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => void this.publish(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.edits.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      spec.checkAgainOn(() => {
        this.generation++;
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
    const key = document.uri.toString();
    const version = document.version;
    if (document.isClosed || document.uri.scheme === 'output' || !this.spec.applies(document) || this.checkedVersions.get(key) === version) {
      return;
    }
    const generation = this.generation;
    const findings = await this.spec.findings(document);
    if (document.isClosed || document.version !== version || generation !== this.generation) {
      return; // an edit or a settings change came meanwhile: its own check follows
    }
    this.checkedVersions.set(key, version);
    if (findings.length === 0) {
      this.collection.delete(document.uri);
    } else {
      this.collection.set(
        document.uri,
        findings.map((finding) => toVscodeDiagnostic(finding)),
      );
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions, this.edits, this.collection).dispose();
  }
}
