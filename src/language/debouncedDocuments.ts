import * as vscode from 'vscode';

/** Runs `act` on a document once its edits have paused for `delayMs`; one timer per document. */
export class DebouncedDocuments implements vscode.Disposable {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly delayMs: number,
    private readonly act: (document: vscode.TextDocument) => void,
  ) {}

  schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.act(document);
      }, this.delayMs),
    );
  }

  cancel(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  dispose(): void {
    for (const timer of this.pending.values()) {
      clearTimeout(timer);
    }
    this.pending.clear();
  }
}
