import * as vscode from 'vscode';
import { formatGroupingLabels } from '../core/protocol/labelText';
import { isListed } from '../core/gateway/gatewayForUrl';
import { PushMethod } from '../core/protocol/pushMethod';
import { GatewayConfig } from '../core/gateway/gatewayConfig';
import { GroupingKey } from '../core/protocol/groupingKey';
import { withDocumentLine } from '../core/protocol/documentLines';
import { lineOfGatewayError } from '../core/protocol/documentLines';
import { GroupDocuments } from '../explorer/commands/openGroupAsDocument';
import { ExplorerNode } from '../explorer/explorerModel';
import { GatewayService } from '../gateways/gatewayService';
import { userPrompts } from '../ui/prompts';

/** What a push of some text from a document is about: where it came from, for messages and diagnostics. */
export interface PushSource {
  readonly document: vscode.TextDocument;
  readonly text: string;
  /** The document line of the text's first line (0 for a whole buffer). */
  readonly firstLine: number;
}

export interface Push {
  readonly body: string;
  readonly gateway: GatewayConfig;
  readonly key: GroupingKey;
  readonly method: PushMethod;
  /** A dry run goes to the embedded mock, and shows the group it then holds. */
  readonly kind: 'push' | 'dry run';
}

/** Selects a group in the explorer; its node, or undefined when the gateway does not list it. */
export type RevealGroup = (gatewayName: string, labels: Record<string, string>, options: { focus: boolean }) => Promise<ExplorerNode | undefined>;

/**
 * Sends a push and reports it: the outcome is shown, a gateway 400 that names a line becomes a
 * diagnostic there (until the text under it changes), and a dry run opens the group the mock now holds beside the script.
 */
export class PushSender implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('pushgateway-push');
  private readonly editListener = vscode.workspace.onDidChangeTextDocument((event) => this.followEdits(event));

  constructor(
    private readonly gateways: GatewayService,
    private readonly groupDocuments: GroupDocuments,
    private readonly revealGroup: RevealGroup,
  ) {}

  async send(source: PushSource, push: Push): Promise<boolean> {
    const { gateway, key, method, kind } = push;
    const where = `${formatGroupingLabels({ job: key.job, ...key.labels })} on ${gateway.name}`;
    const { result } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Pushing to ${where}` }, () => this.gateways.push(gateway, key, push.body, method));
    this.diagnostics.delete(source.document.uri);
    if (!result.ok) {
      this.showRefusal(source, gateway, result.error.body ?? result.error.message);
      void userPrompts().notify('error', `${kind === 'dry run' ? 'Dry run: the mock refused the push' : 'Push refused'} to ${where}: ${withDocumentLine(result.error.message, source.firstLine)}`);
      return false;
    }
    const labels = { job: key.job, ...key.labels };
    if (kind === 'dry run') {
      await this.showDryRunGroup(gateway, labels, `Dry run: the mock accepted the ${method} to ${where}`);
      return true;
    }
    if (!isListed(gateway.url, this.gateways.listedGateways())) {
      // A URL from a script that is not in the explorer: nothing there to reveal.
      void userPrompts().notify('info', `Pushed to ${where} (a gateway the explorer does not list: add it with "Pushgateway: Add Gateway" to see its groups).`);
      return true;
    }
    void userPrompts()
      .notify('info', `Pushed to ${where}.`, 'Reveal in Explorer')
      .then((choice) => {
        if (choice) {
          void this.revealGroup(gateway.name, labels, { focus: true });
        }
      });
    return true;
  }

  /** The mock's verdict and the group it now holds, side by side with the script. */
  private async showDryRunGroup(gateway: GatewayConfig, labels: Record<string, string>, verdict: string): Promise<void> {
    const node = await this.revealGroup(gateway.name, labels, { focus: false });
    if (node) {
      await this.groupDocuments.open(node, { beside: true });
    }
    const shown = node ? '; the group is shown beside' : '';
    void userPrompts()
      .notify('info', `${verdict}${shown}.`, 'Show Mock Log')
      .then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand('pushgateway.showMockLog');
        }
      });
  }

  /** A 400 that names a line becomes a diagnostic on that line of the document, naming the gateway that refused. */
  private showRefusal(source: PushSource, gateway: GatewayConfig, gatewayText: string): void {
    const line = lineOfGatewayError(gatewayText);
    if (line === undefined) {
      return;
    }
    const documentLine = Math.min(source.firstLine + line, source.document.lineCount - 1);
    const refuser = gateway.embedded ? 'The mock' : `The gateway ${gateway.name}`;
    const message = `${refuser} refused the push: ${withDocumentLine(gatewayText.trim(), source.firstLine)}`;
    const diagnostic = new vscode.Diagnostic(source.document.lineAt(documentLine).range, message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'pushgateway-push';
    this.diagnostics.set(source.document.uri, [diagnostic]);
  }

  /**
   * A refusal is about the text that was pushed: it goes when the text under it changes, and moves
   * with its line when lines above are added or removed (VS Code does not move diagnostics itself).
   */
  private followEdits(event: vscode.TextDocumentChangeEvent): void {
    let kept = this.diagnostics.get(event.document.uri);
    if (!kept?.length || !event.contentChanges.length) {
      return;
    }
    for (const change of event.contentChanges) {
      const addedLines = change.text.split('\n').length - 1 - (change.range.end.line - change.range.start.line);
      kept = kept
        .filter((diagnostic) => !diagnostic.range.intersection(change.range))
        .map((diagnostic) => (change.range.end.isBefore(diagnostic.range.start) && addedLines !== 0 ? moved(diagnostic, addedLines) : diagnostic));
    }
    this.diagnostics.set(event.document.uri, kept);
  }

  dispose(): void {
    this.editListener.dispose();
    this.diagnostics.dispose();
  }
}

function moved(diagnostic: vscode.Diagnostic, lines: number): vscode.Diagnostic {
  const { start, end } = diagnostic.range;
  const copy = new vscode.Diagnostic(new vscode.Range(start.translate(lines), end.translate(lines)), diagnostic.message, diagnostic.severity);
  copy.source = diagnostic.source;
  return copy;
}
