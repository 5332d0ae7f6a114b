import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { MockGateway, startMockGateway } from '../../../src/core/mock';
import type { ExplorerNode } from '../../../src/explorer/explorerModel';
import { MIN_REFRESH_INTERVAL_SECONDS, readExplorerSettings } from '../../../src/explorer/explorerSettings';
import { api, extension, waitFor } from './helpers';

/** Issue 15: what a workspace's settings and a gateway hold never stops the extension host. */
describe('hostile settings', function () {
  let gateway: MockGateway;
  let client: GatewayClient;
  let dir: string;
  const warnings: string[] = [];
  const configuration = () => vscode.workspace.getConfiguration('pushgateway');

  async function groupTitles(): Promise<string[]> {
    api().gatewayTree.refresh();
    const [gatewayNode] = (await api().gatewayTree.getChildren()) ?? [];
    assert.equal(gatewayNode?.kind, 'gateway');
    const groups: ExplorerNode[] = (await api().gatewayTree.getChildren(gatewayNode)) ?? [];
    return groups.map((node) => (node.kind === 'group' ? `${node.group.labels.job}:${node.assessment.health}` : node.kind));
  }

  before(async () => {
    await extension().activate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-hostile-'));
    gateway = await startMockGateway({ port: 0 });
    client = new GatewayClient({ baseUrl: `http://127.0.0.1:${gateway.port}` });
    const old = Math.floor(Date.now() / 1000) - 3 * 86_400;
    await client.push({
      key: { job: 'nightly', labels: {} },
      method: 'PUT',
      // Families are matched in name order: the 50 a's and "_b", the input that makes ^(a+)+$ backtrack, comes first; the 51 a's that match come after it.
      body: `# TYPE ${'a'.repeat(50)}_b gauge\n${'a'.repeat(50)}_b ${old}\n# TYPE ${'a'.repeat(51)} gauge\n${'a'.repeat(51)} ${old}\n`,
    });
    api().setPrompts({ notify: async (_severity, message) => (warnings.push(message), undefined) });
  });

  after(async () => {
    api().setPrompts(undefined);
    for (const key of ['gateways', 'explorer.lastSuccessPattern', 'explorer.refreshIntervalSeconds']) {
      await configuration().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    }
    await client?.close();
    await gateway?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('declares every setting an untrusted workspace must not set as restricted', () => {
    const capabilities = (extension().packageJSON as { capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } } }).capabilities;
    assert.equal(capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual([...(capabilities.untrustedWorkspaces.restrictedConfigurations ?? [])].sort(), [
      'pushgateway.explorer.lastSuccessPattern',
      'pushgateway.explorer.refreshIntervalSeconds',
      'pushgateway.gateways',
      'pushgateway.mock.adminAPI',
      'pushgateway.mock.headerTimeoutSeconds',
      'pushgateway.mock.maxBodyBytes',
      'pushgateway.mock.maxFamiliesPerPush',
      'pushgateway.mock.maxPipelinedRequests',
      'pushgateway.mock.maxSeriesPerPush',
      'pushgateway.mock.port',
      'pushgateway.requestTimeoutSeconds',
    ]);
  });

  it('raises a refresh interval under 5 s to 5 s, and keeps 0 as "on demand only"', async () => {
    const intervals: Array<[number, number]> = [];
    for (const seconds of [0.001, 0, 4.9, 30]) {
      await configuration().update('explorer.refreshIntervalSeconds', seconds, vscode.ConfigurationTarget.Workspace);
      intervals.push([seconds, readExplorerSettings().refreshIntervalSeconds]);
    }
    assert.deepEqual(intervals, [
      [0.001, MIN_REFRESH_INTERVAL_SECONDS],
      [0, 0],
      [4.9, MIN_REFRESH_INTERVAL_SECONDS],
      [30, 30],
    ]);
    assert.equal(MIN_REFRESH_INTERVAL_SECONDS, 5);
  });

  it('matches ^(a+)+$ from settings against a 52-character name it does not match without hanging the host', async () => {
    await configuration().update('gateways', [{ name: 'hostile', url: `http://127.0.0.1:${gateway.port}` }], vscode.ConfigurationTarget.Workspace);
    await configuration().update('explorer.lastSuccessPattern', '^(a+)+$', vscode.ConfigurationTarget.Workspace);
    // The gauge named 51 a's matches and is 3 d old: the group is stale by it.
    assert.deepEqual(await groupTitles(), ['nightly:stale']);
    const node = ((await api().gatewayTree.getChildren((await api().gatewayTree.getChildren())?.[0])) ?? [])[0];
    assert.ok(node?.kind === 'group');
    assert.equal(node.assessment.lastSuccess?.metric, 'a'.repeat(51));
  });

  it('refuses a pattern that needs backtracking, with a warning, and uses the default', async () => {
    await configuration().update('explorer.lastSuccessPattern', '(a)\\1', vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(await groupTitles(), ['nightly:healthy']);
    await waitFor(() => warnings.some((message) => message.includes('lastSuccessPattern is refused, the safe matcher does not support it')), 'the warning about the pattern');
    await configuration().update('explorer.lastSuccessPattern', undefined, vscode.ConfigurationTarget.Workspace);
  });

  for (const [kind, make] of [
    ['a FIFO', (file: string) => spawnSync('mkfifo', [file]).status === 0],
    ['a directory', (file: string) => (fs.mkdirSync(file), true)],
    ['a device', (file: string) => (fs.symlinkSync('/dev/zero', file), true)],
  ] as const) {
    it(`refuses a CA file that is ${kind} with a warning, and still reads the gateway`, async function () {
      const file = path.join(dir, `ca-${kind.replace(/\W/g, '')}`);
      if (process.platform === 'win32' || !make(file)) {
        this.skip();
      }
      await configuration().update('gateways', [{ name: 'hostile', url: `http://127.0.0.1:${gateway.port}`, caFile: file }], vscode.ConfigurationTarget.Workspace);
      assert.deepEqual(await groupTitles(), ['nightly:healthy']);
      await waitFor(() => warnings.includes(`Cannot read the CA file of gateway hostile (${file}): it is ${kind}, not a regular file`), `the warning about ${kind}`);
    });
  }

  it('refuses a CA file over 1 MB', async () => {
    const file = path.join(dir, 'huge.pem');
    fs.writeFileSync(file, Buffer.alloc(1024 * 1024 + 1, 'A'));
    await configuration().update('gateways', [{ name: 'hostile', url: `http://127.0.0.1:${gateway.port}`, caFile: file }], vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(await groupTitles(), ['nightly:healthy']);
    await waitFor(() => warnings.some((message) => message.startsWith(`Cannot read the CA file of gateway hostile (${file}): it is larger than 1 MB`)), 'the warning about the size');
  });
});
