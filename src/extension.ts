import * as vscode from 'vscode';
import { GroupDocuments } from './explorer/commands/openGroupAsDocument';
import { GroupDocumentTimes } from './explorer/groupDocumentTimes';
import { revealGroup } from './explorer/commands/revealGroup';
import { ExplorerNode } from './explorer/explorerModel';
import { GATEWAYS_VIEW_ID, SHOW_GATEWAYS_ON_START_ENV } from './explorer/explorerView';
import { GatewayTreeProvider } from './explorer/gatewayTreeProvider';
import { CredentialStore } from './gateways/credentialStore';
import { GatewayService } from './gateways/gatewayService';
import { GROUP_DOCUMENT_SCHEME, SHELL_LANGUAGE_ID } from './language/languageIds';
import { LintSettingsReader } from './language/lintSettings';
import { LintTargets } from './language/lintTargets';
import { registerLanguageFeatures } from './language/registerLanguageFeatures';
import { MockGatewayService } from './mock/mockGatewayService';
import { trackMockRunning } from './mock/mockRunningContext';
import { HeredocCodeLens } from './push/heredocCodeLens';
import { CLIENT_LIBRARY_SELECTOR, ClientLibraryCodeLens } from './push/clientLibraryCodeLens';
import { PushService } from './push/pushService';
import { registerCommands } from './registerCommands';
import { setUserPrompts, UserPrompts } from './ui/prompts';
import { WalkthroughProgress } from './walkthrough/walkthroughProgress';

/** Returned by activate() only when VS Code runs the extension's tests. */
export interface TestingApi {
  /** Answers the given questions and receives the messages instead of the dialogs and notifications (the rest still show); undefined restores them all. */
  setPrompts(prompts: Partial<UserPrompts> | undefined): void;
  readonly gateways: GatewayService;
  readonly gatewayTree: GatewayTreeProvider;
  readonly gatewayView: vscode.TreeView<ExplorerNode>;
  readonly mock: MockGatewayService;
  /** Selects the group in the Gateways view as a push's "Reveal in Explorer" does; its node, or undefined when the gateway does not hold it. */
  revealGroup(gatewayName: string, labels: Record<string, string>): Promise<ExplorerNode | undefined>;
}

export function activate(context: vscode.ExtensionContext): TestingApi | undefined {
  const mock = new MockGatewayService();
  const requestLog = vscode.window.createOutputChannel('Pushgateway Push');
  const gateways = new GatewayService(new CredentialStore(context.secrets), mock, (line) => requestLog.appendLine(line));
  const gatewayTree = new GatewayTreeProvider(gateways);
  const groupDocuments = new GroupDocuments();
  const gatewayView = vscode.window.createTreeView(GATEWAYS_VIEW_ID, { treeDataProvider: gatewayTree, canSelectMany: true });
  context.subscriptions.push(
    requestLog,
    gateways,
    gatewayView,
    gatewayView.onDidChangeVisibility((event) => gatewayTree.setVisible(event.visible)),
    mock,
    trackMockRunning(mock),
    // Scripts run in a terminal against the mock show up in the explorer as they push.
    mock.onDidChangeGroups(() => gatewayTree.refreshSoon()),
    gatewayTree,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('pushgateway.gateways') || event.affectsConfiguration('pushgateway.explorer') || event.affectsConfiguration('pushgateway.requestTimeoutSeconds')) {
        gatewayTree.reconfigure();
      }
    }),
    vscode.workspace.registerTextDocumentContentProvider(GROUP_DOCUMENT_SCHEME, groupDocuments),
    vscode.languages.registerInlayHintsProvider(GroupDocumentTimes.selector, new GroupDocumentTimes()),
  );
  const lintSettings = new LintSettingsReader();
  const lintTargets = new LintTargets(gateways, lintSettings);
  context.subscriptions.push(lintSettings, lintTargets);
  const reveal = (gatewayName: string, labels: Record<string, string>, options?: { focus: boolean }) => revealGroup(gatewayTree, gatewayView, gatewayName, labels, options);
  const lint = registerLanguageFeatures(context, lintSettings, lintTargets);
  const pushService = new PushService({
    lintSettings,
    lintTargets,
    lint,
    state: context.workspaceState,
    gateways,
    groupDocuments,
    revealGroup: reveal,
  });
  context.subscriptions.push(pushService);
  const walkthrough = new WalkthroughProgress(mock, gateways, gatewayView, context.extension.id);
  context.subscriptions.push(walkthrough);
  context.subscriptions.push(vscode.languages.registerCodeLensProvider({ language: SHELL_LANGUAGE_ID }, new HeredocCodeLens(lint)));
  context.subscriptions.push(vscode.languages.registerCodeLensProvider(CLIENT_LIBRARY_SELECTOR, new ClientLibraryCodeLens()));
  registerCommands(context, { gateways, gatewayTree, gatewayView, groupDocuments, mock, pushService });
  if (process.env[SHOW_GATEWAYS_ON_START_ENV] === '1') {
    // Set by `npm start`, so that its first screen shows the demo gateway's groups beside the sample.
    void vscode.commands.executeCommand(`${GATEWAYS_VIEW_ID}.focus`, { preserveFocus: true });
  }
  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return undefined;
  }
  return {
    setPrompts: setUserPrompts,
    gateways,
    gatewayTree,
    gatewayView,
    mock,
    revealGroup: (gatewayName, labels) => reveal(gatewayName, labels),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
