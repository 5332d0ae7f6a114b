import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { api, clientOfEmbeddedMock, embeddedMockNode } from './helpers';

describe('Delete All Groups on a gateway with a single group', () => {
  const confirmations: Array<[string, string]> = [];
  let client: GatewayClient;

  before(async () => {
    client = await clientOfEmbeddedMock({ fresh: true });
    api().setPrompts({ confirm: async (message, _detail, action) => (confirmations.push([message, action]), false) });
  });

  after(async () => {
    api().setPrompts(undefined);
    await client?.close();
    await vscode.commands.executeCommand('pushgateway.stopMock');
  });

  it('asks "Delete the only group", not "Delete all 1 groups", and keeps it when declined', async () => {
    const pushed = await client.push({ key: { job: 'lonely', labels: {} }, body: '# TYPE lonely_metric gauge\nlonely_metric 1\n', method: 'PUT' });
    assert.ok(pushed.ok);
    api().gatewayTree.refresh();
    await vscode.commands.executeCommand('pushgateway.deleteAllGroups', await embeddedMockNode());
    assert.deepEqual(confirmations, [['Delete the only group on Mock Gateway?', 'Delete 1 Group']]);
    const groups = await client.groups();
    assert.ok(groups.ok);
    assert.deepEqual(
      groups.value.map((group) => group.labels.job),
      ['lonely'],
    );
  });
});
