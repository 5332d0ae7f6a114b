import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { api, children, clientOfEmbeddedMock, embeddedMockNode } from './helpers';

describe('the gateway row while a filter is set', () => {
  let client: GatewayClient;

  before(async () => {
    client = await clientOfEmbeddedMock({ fresh: true });
  });

  after(async () => {
    api().gatewayTree.setFilter('');
    await client?.close();
    await vscode.commands.executeCommand('pushgateway.stopMock');
  });

  async function mockDescription(): Promise<string> {
    const mock = await embeddedMockNode();
    await children(mock);
    return String((await api().gatewayTree.getTreeItem(mock)).description ?? '');
  }

  it('says "1 of 3 groups" when the filter shows one of three', async () => {
    for (const job of ['filter_one', 'filter_two', 'filter_three']) {
      const pushed = await client.push({ key: { job, labels: {} }, body: `# TYPE ${job}_metric gauge\n${job}_metric 1\n`, method: 'PUT' });
      assert.ok(pushed.ok);
    }
    api().gatewayTree.refresh();
    assert.match(await mockDescription(), /^3 groups · /);
    api().gatewayTree.setFilter('filter_two');
    assert.match(await mockDescription(), /^1 of 3 groups · /);
    api().gatewayTree.setFilter('');
    assert.match(await mockDescription(), /^3 groups · /);
  });
});
