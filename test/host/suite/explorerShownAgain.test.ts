import * as vscode from 'vscode';
import { api, extension, waitFor } from './helpers';

describe('the Gateways view shown again', () => {
  before(async () => {
    await extension().activate();
  });

  it('reads the gateways again at once, so that the ages ("N s ago") are not those of when it was hidden', async () => {
    // Read once while shown, so that showing it again has nothing new to render by itself.
    await vscode.commands.executeCommand('pushgateway.gateways.focus');
    await waitFor(() => api().gatewayView.visible, 'the Gateways view shown');
    await api().gatewayTree.getChildren();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor(() => !api().gatewayView.visible, 'the Gateways view hidden');
    // Only a refresh of the whole tree counts: a read re-renders its gateway's row (a node) by itself.
    let changes = 0;
    const listener = api().gatewayTree.onDidChangeTreeData((node) => {
      if (node === undefined) {
        changes++;
      }
    });
    try {
      await vscode.commands.executeCommand('pushgateway.gateways.focus');
      await waitFor(() => api().gatewayView.visible, 'the Gateways view shown');
      await waitFor(() => changes > 0, 'the tree to be read again on show');
    } finally {
      listener.dispose();
    }
  });
});
