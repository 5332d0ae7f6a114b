import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { api, clientOfEmbeddedMock, manifest, waitFor } from './helpers';

describe('the Delete key in the Gateways view', () => {
  const confirmations: string[] = [];
  let client: GatewayClient;

  before(async () => {
    client = await clientOfEmbeddedMock();
    api().setPrompts({ confirm: async (message) => (confirmations.push(message), true) });
  });

  after(async () => {
    api().setPrompts(undefined);
    await client?.close();
    await vscode.commands.executeCommand('pushgateway.stopMock');
  });

  it('is bound to Delete Group in the view only, which deletes the selected group', async () => {
    const keybindings = (manifest().contributes as unknown as { keybindings: Array<{ command: string; key: string; when: string }> }).keybindings;
    assert.deepEqual(
      keybindings.filter((binding) => binding.command === 'pushgateway.deleteGroup').map(({ key, when }) => [key, when]),
      [['delete', 'focusedView == pushgateway.gateways && !inputFocus']],
    );

    const pushed = await client.push({ key: { job: 'by_delete_key', labels: {} }, body: '# TYPE keyed_metric gauge\nkeyed_metric 1\n', method: 'PUT' });
    assert.ok(pushed.ok);
    api().gatewayTree.refresh();
    assert.ok(await api().revealGroup('Mock Gateway', { job: 'by_delete_key' }), 'the group is not in the tree');
    const selectedJobs = () => api().gatewayView.selection.flatMap((node) => (node.kind === 'group' ? [node.group.labels.job] : []));
    await waitFor(() => isDeepStrictEqual(selectedJobs(), ['by_delete_key']), 'the group selected');

    // A keybinding runs the command without arguments.
    await vscode.commands.executeCommand('pushgateway.deleteGroup');
    assert.match(confirmations[confirmations.length - 1] ?? '', /job=by_delete_key/);
    const groups = await client.groups();
    assert.ok(groups.ok);
    assert.equal(
      groups.value.find((group) => group.labels.job === 'by_delete_key'),
      undefined,
      'the selected group is still there',
    );
  });
});
