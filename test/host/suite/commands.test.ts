import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { startMockGateway } from '../../../src/core/mock';
import { api, extension, manifest } from './helpers';

describe('commands', () => {
  it('registers a handler for every command declared in package.json', async () => {
    await extension().activate();
    const declared = manifest().contributes.commands.map((entry) => entry.command);
    assert.ok(declared.length > 0, 'package.json declares no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      declared.filter((command) => !registered.has(command)),
      [],
      'declared in package.json but not registered by the extension',
    );
  });

  it('registers no command of its own that package.json does not declare (none only for tests)', async () => {
    await extension().activate();
    const declared = new Set(manifest().contributes.commands.map((entry) => entry.command));
    const own = (await vscode.commands.getCommands(true)).filter((command) => command.startsWith('pushgateway.') && !command.startsWith('pushgateway.gateways.'));
    assert.deepEqual(
      own.filter((command) => !declared.has(command)),
      [],
      'registered by the extension but not declared in package.json',
    );
  });

  it('catches a failing command: the caller gets undefined instead of a rejection (the user gets the message)', async () => {
    await extension().activate();
    const notices: string[] = [];
    api().setPrompts({
      inputGroupFilter: async () => {
        throw new Error('the input box broke');
      },
      notify: async (severity, message) => (notices.push(`${severity}: ${message}`), undefined),
    });
    try {
      assert.equal(await vscode.commands.executeCommand('pushgateway.filterGroups'), undefined);
      assert.deepEqual(notices, ['error: Pushgateway: Filter Groups failed: the input box broke']);
    } finally {
      api().setPrompts(undefined);
    }
  });

  it('refreshes the explorer: the whole tree is redrawn and each gateway read again', async () => {
    await extension().activate();
    const gateway = await startMockGateway({ port: 0 });
    const client = new GatewayClient({ baseUrl: gateway.url });
    const settings = vscode.workspace.getConfiguration('pushgateway');
    const redrawn: unknown[] = [];
    const listening = api().gatewayTree.onDidChangeTreeData((node) => redrawn.push(node));
    const listedJobs = async () => {
      const gatewayNode = ((await api().gatewayTree.getChildren()) ?? []).find((node) => node.kind === 'gateway' && node.gateway.name === 'refreshed');
      assert.ok(gatewayNode, 'the configured gateway is not in the explorer');
      return ((await api().gatewayTree.getChildren(gatewayNode)) ?? []).flatMap((node) => (node.kind === 'group' ? [node.group.labels.job] : [])).sort();
    };
    try {
      await settings.update('gateways', [{ name: 'refreshed', url: gateway.url }], vscode.ConfigurationTarget.Workspace);
      await client.push({ key: { job: 'first', labels: {} }, method: 'PUT', body: 'first_metric 1\n' });
      api().gatewayTree.refresh();
      assert.deepEqual(await listedJobs(), ['first']);
      // Read once per refresh: the tree does not see this push until it is refreshed.
      await client.push({ key: { job: 'second', labels: {} }, method: 'PUT', body: 'second_metric 1\n' });
      redrawn.length = 0;
      await vscode.commands.executeCommand('pushgateway.refreshExplorer');
      assert.ok(redrawn.includes(undefined), 'the command did not tell the view to redraw the whole tree');
      assert.deepEqual(await listedJobs(), ['first', 'second']);
    } finally {
      listening.dispose();
      await settings.update('gateways', undefined, vscode.ConfigurationTarget.Workspace);
      await client.close();
      await gateway.close();
    }
  });
});
