import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../../src/explorer/explorerModel';
import { api, extension } from './helpers';

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('embedded mock gateway', () => {
  after(async () => {
    await vscode.commands.executeCommand('pushgateway.stopMock');
  });

  it('starts by command, takes pushes, shows them in the explorer and the log, and frees its port when stopped', async () => {
    await extension().activate();
    const url = await vscode.commands.executeCommand<string | undefined>('pushgateway.startMock');
    assert.ok(url, 'the mock did not start');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);

    const pushed = await fetch(`${url}/metrics/job/host_test/instance/vm1`, { method: 'PUT', body: '# TYPE pushed_at gauge\npushed_at 42\n' });
    assert.equal(pushed.status, 200);

    const roots = (await api().gatewayTree.getChildren()) ?? [];
    const mockNode = roots.find((node): node is Extract<ExplorerNode, { kind: 'gateway' }> => node.kind === 'gateway' && node.gateway.embedded === true);
    assert.ok(mockNode, 'the running mock is not in the explorer');
    const groups = (await api().gatewayTree.getChildren(mockNode)) ?? [];
    assert.deepEqual(
      groups.map((node) => (node.kind === 'group' ? node.group.labels : node.kind)),
      [{ instance: 'vm1', job: 'host_test' }],
    );

    // A push from outside the extension (a script in a terminal) refreshes the explorer by itself:
    // without a refresh the tree keeps serving the groups it read above.
    const fromScript = await fetch(`${url}/metrics/job/from_terminal`, { method: 'POST', body: 'ran 1\n' });
    assert.equal(fromScript.status, 200);
    const listsScriptGroup = async () => ((await api().gatewayTree.getChildren(mockNode)) ?? []).some((node) => node.kind === 'group' && node.group.labels.job === 'from_terminal');
    const deadline = Date.now() + 5_000;
    while (!(await listsScriptGroup())) {
      assert.ok(Date.now() < deadline, 'the explorer did not refresh after a push from outside the extension');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const log = (await (await fetch(`${url}/mock/v1/log`)).json()) as { entries: Array<{ method: string; path: string; status: number }> };
    const logged = log.entries.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
    assert.equal(logged[0], 'PUT /metrics/job/host_test/instance/vm1 200');
    assert.ok(logged.includes('GET /api/v1/metrics 200'), `the explorer's read is not in the log: ${logged.join(', ')}`);

    await vscode.commands.executeCommand('pushgateway.stopMock');
    const port = Number(new URL(url).port);
    assert.ok(await portIsFree(port), `port ${port} is still taken after stopping`);
    const rootsAfter = (await api().gatewayTree.getChildren()) ?? [];
    assert.ok(!rootsAfter.some((node) => node.kind === 'gateway' && node.gateway.embedded), 'the stopped mock is still in the explorer');
  });
});
