import * as vscode from 'vscode';
import { GatewayConfig } from '../core/gatewayConfig';
import { readGatewayList } from './gatewaySettings';

export type ExplorerNode =
  | { readonly kind: 'gateway'; readonly gateway: GatewayConfig }
  | { readonly kind: 'settingsProblem'; readonly message: string };

/** The "Gateways" view: one node per configured gateway, plus one per unusable settings entry. */
export class GatewayTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(parent?: ExplorerNode): ExplorerNode[] {
    if (parent) {
      return [];
    }
    const { gateways, problems } = readGatewayList();
    return [
      ...problems.map((message): ExplorerNode => ({ kind: 'settingsProblem', message })),
      ...gateways.map((gateway): ExplorerNode => ({ kind: 'gateway', gateway })),
    ];
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'gateway':
        return gatewayItem(node.gateway);
      case 'settingsProblem':
        return settingsProblemItem(node.message);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function gatewayItem(gateway: GatewayConfig): vscode.TreeItem {
  const item = new vscode.TreeItem(gateway.name, vscode.TreeItemCollapsibleState.None);
  item.id = `gateway:${gateway.name}`;
  item.description = gateway.url;
  item.tooltip = `${gateway.name}\n${gateway.url}`;
  item.iconPath = new vscode.ThemeIcon('server');
  item.contextValue = 'gateway';
  return item;
}

function settingsProblemItem(message: string): vscode.TreeItem {
  const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None);
  item.tooltip = `${message}\nFix it in your settings (pushgateway.gateways).`;
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  item.contextValue = 'settingsProblem';
  item.command = { command: 'workbench.action.openSettingsJson', title: 'Open Settings (JSON)' };
  return item;
}
