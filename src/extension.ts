import * as vscode from 'vscode';
import { onGatewaySettingsChanged } from './explorer/gatewaySettings';
import { GatewayTreeProvider } from './explorer/gatewayTreeProvider';
import { registerLanguageFeatures } from './language/registerLanguageFeatures';
import { registerCommands } from './registerCommands';

export const GATEWAYS_VIEW_ID = 'pushgateway.gateways';

export function activate(context: vscode.ExtensionContext): void {
  const gatewayTree = new GatewayTreeProvider();
  context.subscriptions.push(
    gatewayTree,
    vscode.window.createTreeView(GATEWAYS_VIEW_ID, { treeDataProvider: gatewayTree }),
    onGatewaySettingsChanged(() => gatewayTree.refresh()),
  );
  registerLanguageFeatures(context);
  registerCommands(context, { gatewayTree });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
