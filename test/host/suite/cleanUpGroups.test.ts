import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { MockGateway, startMockGateway } from '../../../src/core/mock';
import { formatGroupingLabels } from '../../../src/core/protocol/labelText';
import type { CleanupPickItem } from '../../../src/ui/prompts';
import { api, children, extension, setGateways } from './helpers';

const DAY_MS = 86_400_000;

describe('Clean Up Groups…', function () {
  this.timeout(30_000);
  let gateway: MockGateway;
  let client: GatewayClient;
  let clockMs = Date.now();

  async function push(job: string, labels: Record<string, string>, body: string, daysAgo: number): Promise<void> {
    clockMs = Date.now() - daysAgo * DAY_MS;
    const pushed = await client.push({ key: { job, labels }, method: 'PUT', body });
    assert.ok(pushed.ok, pushed.ok ? '' : pushed.error.message);
  }

  async function groupsOnGateway(): Promise<string[]> {
    const listed = await client.groups();
    assert.ok(listed.ok);
    return listed.value.map((group) => formatGroupingLabels(group.labels)).sort();
  }

  async function groupsInTree(): Promise<string[]> {
    const [gatewayNode] = await children();
    return (await children(gatewayNode)).flatMap((node) => (node.kind === 'group' ? [formatGroupingLabels(node.group.labels)] : [])).sort();
  }

  before(async () => {
    await extension().activate();
    gateway = await startMockGateway({ port: 0, now: () => new Date(clockMs) });
    client = new GatewayClient({ baseUrl: gateway.url });
    // Oldest first: the mock's write clock never runs backwards.
    await push('tmp_a', { instance: 'x' }, 'x 1\n', 10);
    await push('nightly', {}, 'x 1\n', 9);
    await push('tmp_b', {}, 'x 1\n', 8);
    await push('tmp_c', { instance: 'y' }, 'x 1\n', 8);
    await push('tmp_recent', {}, 'x 1\n', 1);
    await push('tmp_gauge', {}, `tmp_gauge_last_success_unixtime ${Math.floor(Date.now() / 1000) - 12 * 86_400}\n`, 0);
    clockMs = Date.now();
    await setGateways([{ name: 'cleanup', url: gateway.url }]);
    api().gatewayTree.refresh();
  });

  after(async () => {
    api().setPrompts(undefined);
    await setGateways(undefined);
    await client?.close();
    await gateway?.close();
  });

  it('previews exactly the old groups matching the selector, deletes only the ticked ones, and the tree follows', async () => {
    const previews: Array<Array<[string, string]>> = [];
    const confirmations: string[] = [];
    const notices: string[] = [];
    const offeredAges: string[] = [];
    api().setPrompts({
      inputCleanupAge: async (initial) => (offeredAges.push(initial), '7d'),
      inputCleanupSelector: async () => 'job=~"tmp_.*"',
      pickGroupsToDelete: async <T extends CleanupPickItem>(items: readonly T[]) => {
        previews.push(items.map((item) => [item.label, item.description]));
        return items.filter((item) => item.label !== 'job=tmp_b');
      },
      confirm: async (message, detail) => (confirmations.push(`${message}\n${detail}`), true),
      notify: async (severity, message) => (notices.push(`${severity}: ${message}`), undefined),
    });
    assert.deepEqual(await groupsInTree(), ['job=nightly', 'job=tmp_a instance=x', 'job=tmp_b', 'job=tmp_c instance=y', 'job=tmp_gauge', 'job=tmp_recent']);
    const [gatewayNode] = await children();
    await vscode.commands.executeCommand('pushgateway.cleanUpGroups', gatewayNode);
    assert.deepEqual(offeredAges, ['1d1h'], "the age box starts at the explorer's staleness threshold");
    assert.deepEqual(previews, [
      [
        ['job=tmp_a instance=x', 'last push 10 d ago'],
        ['job=tmp_b', 'last push 8 d ago'],
        ['job=tmp_c instance=y', 'last push 8 d ago'],
        ['job=tmp_gauge', 'last success (tmp_gauge_last_success_unixtime) 12 d ago'],
      ],
    ]);
    assert.equal(confirmations.length, 1);
    assert.match(confirmations[0], /^Delete 3 groups\?\njob=tmp_a instance=x on cleanup\njob=tmp_c instance=y on cleanup\njob=tmp_gauge on cleanup\n/);
    assert.deepEqual(notices, ['info: Deleted 3 groups.']);
    assert.deepEqual(await groupsOnGateway(), ['job=nightly', 'job=tmp_b', 'job=tmp_recent']);
    assert.deepEqual(await groupsInTree(), ['job=nightly', 'job=tmp_b', 'job=tmp_recent']);
  });

  it('deletes nothing when the preview is cancelled or the confirmation declined', async () => {
    const before = await groupsOnGateway();
    for (const decline of ['preview', 'confirm'] as const) {
      const previews: string[][] = [];
      const confirmations: string[] = [];
      api().setPrompts({
        inputCleanupAge: async () => '',
        inputCleanupSelector: async () => 'job="nightly"',
        pickGroupsToDelete: async <T extends CleanupPickItem>(items: readonly T[]) => (previews.push(items.map((item) => item.label)), decline === 'preview' ? undefined : [...items]),
        confirm: async (message) => (confirmations.push(message), false),
      });
      await vscode.commands.executeCommand('pushgateway.cleanUpGroups', (await children())[0]);
      // Declined at that step, not stopped earlier: the preview showed the group, the confirmation was asked when the preview was accepted.
      assert.deepEqual(previews, [['job=nightly']], decline);
      assert.deepEqual(confirmations, decline === 'confirm' ? ['Delete the group job=nightly on cleanup?'] : [], decline);
      assert.deepEqual(await groupsOnGateway(), before, decline);
    }
    assert.equal(gateway.log.entries().filter((entry) => entry.method === 'DELETE').length, 3);
  });
});
