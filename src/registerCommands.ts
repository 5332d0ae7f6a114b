import * as vscode from 'vscode';
import { addGateway } from './explorer/commands/addGateway';
import { refreshExplorer } from './explorer/commands/refreshExplorer';
import { GatewayTreeProvider } from './explorer/gatewayTreeProvider';

export interface CommandServices {
  readonly gatewayTree: GatewayTreeProvider;
}

/** The one place that binds command ids (declared in package.json) to their handlers. */
export function registerCommands(context: vscode.ExtensionContext, services: CommandServices): void {
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'pushgateway.addGateway': () => addGateway(),
    'pushgateway.refreshExplorer': () => refreshExplorer(services.gatewayTree),
  };
  for (const [id, handler] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}
