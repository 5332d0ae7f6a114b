import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { api, children, clientOfEmbeddedMock, embeddedMockNode, waitFor } from './helpers';

/** Issue 17 item 10: the mock's log says the real sizes, and the view's own reads do not bury the pushes. */
describe('the "Pushgateway Mock" output', () => {
  let client: GatewayClient;
  const logReads = (value: boolean | undefined) => vscode.workspace.getConfiguration('pushgateway.mock').update('logReads', value, vscode.ConfigurationTarget.Workspace);
  const lines = () => api().mock.recentLog();

  before(async () => {
    client = await clientOfEmbeddedMock({ fresh: true });
  });

  after(async () => {
    await logReads(undefined);
    await client?.close();
    await vscode.commands.executeCommand('pushgateway.stopMock');
  });

  it('shows pushes with the size sent and, by default, not the explorer’s reads', async () => {
    const body = '# TYPE log_sizes_total counter\nlog_sizes_total 1\n';
    assert.ok((await client.push({ key: { job: 'log_sizes', labels: {} }, body, method: 'PUT' })).ok);
    await children(await embeddedMockNode());
    await waitFor(() => lines().some((line) => line.includes('PUT /metrics/job/log_sizes')), 'the push in the log');
    const push = lines().find((line) => line.includes('PUT /metrics/job/log_sizes'));
    assert.match(push ?? '', new RegExp(`PUT /metrics/job/log_sizes → 200 \\(${Buffer.byteLength(body)} bytes sent\\) \\[log_sizes_total\\]$`));
    assert.deepEqual(
      lines().filter((line) => / GET /.test(line)),
      [],
      'reads are shown though pushgateway.mock.logReads is off',
    );
    assert.match(lines().find((line) => line.startsWith('Mock Pushgateway listening')) ?? '', /pushgateway\.mock\.logReads/);
  });

  it('shows reads with the size of the answer once pushgateway.mock.logReads is on', async () => {
    await logReads(true);
    const groups = await client.groups();
    assert.ok(groups.ok);
    await waitFor(() => lines().some((line) => line.includes('GET /api/v1/metrics')), 'the read in the log');
    const read = lines().find((line) => line.includes('GET /api/v1/metrics')) ?? '';
    const answered = Number(/→ 200 \((\d+) bytes answered\)$/.exec(read)?.[1]);
    assert.ok(answered > 100, `the read's size: ${read}`);
    assert.ok(!lines().some((line) => line.includes('(0 bytes)')), 'a "(0 bytes)" is still logged');
  });
});
