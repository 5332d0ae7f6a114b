import * as vscode from 'vscode';
import { GatewayConfig } from '../../core/gatewayConfig';
import { CredentialStore } from '../connections';
import { readGatewayList } from '../gatewaySettings';
import { ExplorerNode, GatewayTreeProvider } from '../gatewayTreeProvider';

async function pickGateway(node?: ExplorerNode): Promise<GatewayConfig | undefined> {
  if (node && 'gateway' in node) {
    return node.gateway;
  }
  const { gateways } = readGatewayList();
  if (gateways.length === 0) {
    void vscode.window.showInformationMessage('No gateway is configured yet: add one first.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    gateways.map((gateway) => ({ label: gateway.name, description: gateway.url, gateway })),
    { title: 'Set Credentials: which gateway?' },
  );
  return picked?.gateway;
}

/** Stores basic or bearer credentials for a gateway in SecretStorage (never in settings), or clears them. */
export async function setCredentials(credentials: CredentialStore, tree: GatewayTreeProvider, node?: ExplorerNode): Promise<void> {
  const gateway = await pickGateway(node);
  if (!gateway) {
    return;
  }
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'Basic authentication', description: 'user and password', value: 'basic' as const },
      { label: 'Bearer token', value: 'bearer' as const },
      { label: 'Remove stored credentials', value: 'clear' as const },
    ],
    { title: `Credentials for ${gateway.name}` },
  );
  if (!kind) {
    return;
  }
  if (kind.value === 'clear') {
    await credentials.set(gateway, undefined);
  } else if (kind.value === 'bearer') {
    const token = await vscode.window.showInputBox({ title: `Bearer token for ${gateway.name}`, password: true, ignoreFocusOut: true, validateInput: (text) => (text.trim() ? undefined : 'A token is required') });
    if (token === undefined) {
      return;
    }
    await credentials.set(gateway, { kind: 'bearer', token: token.trim() });
  } else {
    const user = await vscode.window.showInputBox({ title: `User for ${gateway.name}`, ignoreFocusOut: true });
    if (user === undefined) {
      return;
    }
    const password = await vscode.window.showInputBox({ title: `Password for ${user} on ${gateway.name}`, password: true, ignoreFocusOut: true });
    if (password === undefined) {
      return;
    }
    await credentials.set(gateway, { kind: 'basic', user, password });
  }
  tree.refresh();
}
