import * as vscode from 'vscode';
import { GatewayTreeProvider } from '../explorer/gatewayTreeProvider';
import { DIAGNOSTIC_SOURCE } from '../language/diagnostics';
import { MockGatewayService } from '../mock/mockGatewayService';

/** The milestones of the "first steps" walkthrough; package.json completes each step on `onContext:pushgateway.walkthrough.<milestone>`. */
export const WALKTHROUGH_MILESTONES = ['openedMetricsFile', 'sawDiagnostics', 'startedMock', 'pushed', 'sawExplorer', 'deleted'] as const;
export type WalkthroughMilestone = (typeof WALKTHROUGH_MILESTONES)[number];

export const MILESTONE_CONTEXT_PREFIX = 'pushgateway.walkthrough.';

function holdsMetrics(document: vscode.TextDocument): boolean {
  return document.languageId === 'prometheus-exposition' || (document.languageId === 'shellscript' && document.getText().includes('/metrics/job/'));
}

/**
 * Sets a context key when the user does what a walkthrough step asks, from the real events: a
 * metrics file shown, lint findings in a shown editor, the mock started, a push or a delete the
 * gateway accepted, the explorer shown.
 */
export class WalkthroughProgress implements vscode.Disposable {
  /** The milestones reached in this session (VS Code remembers completed steps across sessions). */
  readonly reached = new Set<WalkthroughMilestone>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    mock: MockGatewayService,
    tree: GatewayTreeProvider,
    gatewayView: vscode.TreeView<unknown>,
    private readonly setContext: (key: string, value: boolean) => Thenable<unknown> = (key, value) => vscode.commands.executeCommand('setContext', key, value),
  ) {
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors((editors) => this.checkEditors(editors)),
      vscode.languages.onDidChangeDiagnostics(() => {
        if (!this.reached.has('sawDiagnostics')) {
          this.checkEditors(vscode.window.visibleTextEditors);
        }
      }),
      mock.onDidChange(() => mock.gateway && this.reach('startedMock')),
      tree.onDidChangeGroups((change) => this.reach(change.kind)),
      gatewayView.onDidChangeVisibility((event) => event.visible && this.reach('sawExplorer')),
    );
    this.checkEditors(vscode.window.visibleTextEditors);
    if (gatewayView.visible) {
      this.reach('sawExplorer');
    }
  }

  private checkEditors(editors: readonly vscode.TextEditor[]): void {
    if (this.reached.has('openedMetricsFile') && this.reached.has('sawDiagnostics')) {
      return;
    }
    for (const { document } of editors) {
      if (!holdsMetrics(document)) {
        continue;
      }
      this.reach('openedMetricsFile');
      if (vscode.languages.getDiagnostics(document.uri).some((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE)) {
        this.reach('sawDiagnostics');
      }
    }
  }

  private reach(milestone: WalkthroughMilestone): void {
    if (this.reached.has(milestone)) {
      return;
    }
    this.reached.add(milestone);
    void this.setContext(`${MILESTONE_CONTEXT_PREFIX}${milestone}`, true);
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}
