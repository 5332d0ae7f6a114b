import * as vscode from 'vscode';
import { GatewayService } from '../gateways/gatewayService';
import { DIAGNOSTIC_SOURCE } from '../language/diagnostics';
import { MockGatewayService } from '../mock/mockGatewayService';

/** The milestones of the "first steps" walkthrough; package.json completes each step on `onContext:pushgateway.walkthrough.<milestone>`. */
export const WALKTHROUGH_MILESTONES = ['openedMetricsFile', 'sawDiagnostics', 'startedMock', 'pushed', 'sawExplorer', 'deleted'] as const;
export type WalkthroughMilestone = (typeof WALKTHROUGH_MILESTONES)[number];

export const MILESTONE_CONTEXT_PREFIX = 'pushgateway.walkthrough.';

/** The walkthrough's id in package.json. */
export const WALKTHROUGH_ID = 'firstSteps';

/** The step (its id in package.json) that each milestone completes. */
export const STEP_OF_MILESTONE: Readonly<Record<WalkthroughMilestone, string>> = {
  openedMetricsFile: 'openSample',
  sawDiagnostics: 'seeLint',
  startedMock: 'startMock',
  pushed: 'push',
  sawExplorer: 'explore',
  deleted: 'delete',
};

/** How a milestone is told to VS Code. */
export interface MilestoneSink {
  setContext(key: string, value: boolean): Thenable<unknown>;
  /** VS Code's own "mark step complete" command; it fails when the walkthrough is not registered yet. */
  markStepComplete(stepId: string): Thenable<unknown>;
}

const workbenchSink: MilestoneSink = {
  setContext: (key, value) => vscode.commands.executeCommand('setContext', key, value),
  markStepComplete: (stepId) => vscode.commands.executeCommand('welcome.markStepComplete', stepId),
};

/** After activation, the walkthrough service may still be registering this extension's steps. */
const RETRY_MARKS_AFTER_MS = 10_000;

function holdsMetrics(document: vscode.TextDocument): boolean {
  return document.languageId === 'prometheus-exposition' || (document.languageId === 'shellscript' && document.getText().includes('/metrics/job/'));
}

/**
 * Completes a walkthrough step when the user does what it asks, from the real events: a metrics file
 * shown, lint findings in a shown editor, the mock started, a push or a delete the gateway accepted,
 * the explorer shown. The step's completion event (a context key) is set, and the step is also marked
 * complete directly: VS Code ignores a context key that was already set when its walkthrough service
 * started, which it does lazily (e.g. when the Welcome page first opens).
 */
export class WalkthroughProgress implements vscode.Disposable {
  /** The milestones reached in this session (VS Code remembers completed steps across sessions). */
  private readonly reached = new Set<WalkthroughMilestone>();
  /** Each listener with the milestones it waits for: disposed once they are all reached. */
  private readonly listeners: Array<{ readonly milestones: readonly WalkthroughMilestone[]; readonly subscription: vscode.Disposable }> = [];
  private readonly retry: NodeJS.Timeout;

  constructor(
    mock: MockGatewayService,
    gateways: GatewayService,
    gatewayView: vscode.TreeView<unknown>,
    /** `<publisher>.<name>`: VS Code names a step `<extension id>#<walkthrough id>#<step id>`. */
    private readonly extensionId: string,
    private readonly sink: MilestoneSink = workbenchSink,
  ) {
    this.retry = setTimeout(() => this.markAll(), RETRY_MARKS_AFTER_MS);
    this.listen(
      ['openedMetricsFile', 'sawDiagnostics'],
      vscode.window.onDidChangeVisibleTextEditors((editors) => this.checkEditors(editors)),
    );
    this.listen(
      ['sawDiagnostics'],
      vscode.languages.onDidChangeDiagnostics(() => this.checkEditors(vscode.window.visibleTextEditors)),
    );
    this.listen(
      ['startedMock'],
      mock.onDidChange(() => mock.gateway && this.reach('startedMock')),
    );
    this.listen(
      ['pushed', 'deleted'],
      gateways.onDidChangeGroups((change) => this.reach(change.kind)),
    );
    this.listen(
      ['sawExplorer'],
      gatewayView.onDidChangeVisibility((event) => event.visible && this.reach('sawExplorer')),
    );
    this.checkEditors(vscode.window.visibleTextEditors);
    if (gatewayView.visible) {
      this.reach('sawExplorer');
    }
  }

  /** How many of its listeners still wait for a milestone. */
  get listening(): number {
    return this.listeners.length;
  }

  private listen(milestones: readonly WalkthroughMilestone[], subscription: vscode.Disposable): void {
    this.listeners.push({ milestones, subscription });
  }

  /** A listener whose milestones are all reached has nothing left to do. */
  private disposeDoneListeners(): void {
    for (let index = this.listeners.length - 1; index >= 0; index--) {
      if (this.listeners[index].milestones.every((milestone) => this.reached.has(milestone))) {
        this.listeners[index].subscription.dispose();
        this.listeners.splice(index, 1);
      }
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
    void this.sink.setContext(`${MILESTONE_CONTEXT_PREFIX}${milestone}`, true);
    this.markAll();
    this.disposeDoneListeners();
  }

  /** Marks every milestone reached so far; a step that could not be marked before gets another chance. */
  private markAll(): void {
    for (const milestone of this.reached) {
      Promise.resolve(this.sink.markStepComplete(`${this.extensionId}#${WALKTHROUGH_ID}#${STEP_OF_MILESTONE[milestone]}`)).catch(() => undefined);
    }
  }

  dispose(): void {
    clearTimeout(this.retry);
    this.listeners.forEach((listener) => listener.subscription.dispose());
    this.listeners.length = 0;
  }
}
