import * as vscode from 'vscode';
import { CredentialStore } from './explorer/connections';
import { GROUP_DOCUMENT_SCHEME, GroupDocuments } from './explorer/commands/openGroupAsDocument';
import { GATEWAYS_VIEW_ID, SHOW_GATEWAYS_ON_START_ENV } from './explorer/explorerView';
import { revealGroup } from './explorer/commands/revealGroup';
import { ExplorerNode, GatewayTreeProvider } from './explorer/gatewayTreeProvider';
import { UserPrompts, windowPrompts } from './explorer/prompts';
import { MockGatewayService } from './mock/mockGatewayService';
import { PushService } from './push/pushService';
import { LintSettingsReader } from './language/lintSettings';
import { registerLanguageFeatures } from './language/registerLanguageFeatures';
import { registerCommands } from './registerCommands';
import { WalkthroughProgress } from './walkthrough/walkthroughProgress';

/** Returned by activate() only when VS Code runs the extension's tests. */
export interface TestingApi {
  /** Answers the given questions instead of the dialogs (the others still ask); undefined restores them all. */
  setPrompts(prompts: Partial<UserPrompts> | undefined): void;
  readonly gatewayTree: GatewayTreeProvider;
  readonly gatewayView: vscode.TreeView<ExplorerNode>;
  readonly mock: MockGatewayService;
}

export function activate(context: vscode.ExtensionContext): TestingApi | undefined {
  const credentials = new CredentialStore(context.secrets);
  const mock = new MockGatewayService();
  const runningMock = () => (mock.gateway ? [mock.gateway] : []);
  const gatewayTree = new GatewayTreeProvider(credentials, runningMock);
  const groupDocuments = new GroupDocuments();
  let prompts: UserPrompts = windowPrompts;
  const gatewayView = vscode.window.createTreeView(GATEWAYS_VIEW_ID, { treeDataProvider: gatewayTree, canSelectMany: true });
  context.subscriptions.push(
    gatewayView,
    gatewayView.onDidChangeVisibility((event) => gatewayTree.setVisible(event.visible)),
    mock,
    mock.onDidChange(() => gatewayTree.refresh()),
    // Scripts run in a terminal against the mock show up in the explorer as they push.
    mock.onDidChangeGroups(() => gatewayTree.refreshSoon()),
    gatewayTree,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('pushgateway.gateways') || event.affectsConfiguration('pushgateway.explorer') || event.affectsConfiguration('pushgateway.requestTimeoutSeconds')) {
        gatewayTree.reconfigure();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => gatewayTree.refresh()),
    vscode.workspace.registerTextDocumentContentProvider(GROUP_DOCUMENT_SCHEME, groupDocuments),
  );
  const lintSettings = new LintSettingsReader();
  context.subscriptions.push(lintSettings);
  const pushService = new PushService({
    lintSettings,
    state: context.workspaceState,
    tree: gatewayTree,
    groupDocuments,
    prompts: () => prompts,
    extraGateways: runningMock,
    revealGroup: (gatewayName, labels, options) => revealGroup(gatewayTree, gatewayView, gatewayName, labels, options),
  });
  context.subscriptions.push(pushService);
  const walkthrough = new WalkthroughProgress(mock, gatewayTree, gatewayView, context.extension.id);
  context.subscriptions.push(walkthrough);
  registerLanguageFeatures(context, lintSettings);
  registerCommands(context, { gatewayTree, gatewayView, credentials, groupDocuments, mock, pushService, prompts: () => prompts });
  if (process.env[SHOW_GATEWAYS_ON_START_ENV] === '1') {
    // Set by `npm start`, so that its first screen shows the demo gateway's groups beside the sample.
    void vscode.commands.executeCommand(`${GATEWAYS_VIEW_ID}.focus`, { preserveFocus: true });
  }
  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return undefined;
  }
  return {
    setPrompts: (replacement) => {
      prompts = { ...windowPrompts, ...replacement };
    },
    gatewayTree,
    gatewayView,
    mock,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
