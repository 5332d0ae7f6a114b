import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { findFreePort } from '../../../scripts/host/processes';
import { GatewayClient } from '../../../src/core/gateway/client';
import { MockGateway, startMockGateway } from '../../../src/core/mock';
import type { ExplorerNode } from '../../../src/explorer/explorerModel';
import { api, children, extension, manifest, setGateways } from './helpers';

async function labelsOf(nodes: readonly ExplorerNode[]): Promise<Array<[string, string, string]>> {
  const items = await Promise.all(nodes.map((node) => api().gatewayTree.getTreeItem(node)));
  return items.map((item) => [String(typeof item.label === 'string' ? item.label : item.label?.label), String(item.description ?? ''), String(item.contextValue ?? '')]);
}

describe('explorer view', () => {
  it('contributes a Pushgateway activity-bar container holding the Gateways view', () => {
    const container = manifest().contributes.viewsContainers.activitybar.find((entry) => entry.id === 'pushgateway');
    assert.ok(container, 'no "pushgateway" activity-bar container');
    assert.deepEqual(
      manifest().contributes.views.pushgateway.map((view) => view.id),
      ['pushgateway.gateways'],
    );
  });

  it('opens the container and focuses the Gateways view in the workbench', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    assert.ok(commands.has('workbench.view.extension.pushgateway'), 'the workbench does not know the container');
    assert.ok(commands.has('pushgateway.gateways.focus'), 'the workbench does not know the view');
    await vscode.commands.executeCommand('workbench.view.extension.pushgateway');
    await vscode.commands.executeCommand('pushgateway.gateways.focus');
  });

  describe('with gateways', function () {
    let gateway: MockGateway;
    let client: GatewayClient;
    const now = () => Math.floor(Date.now() / 1000);

    before(async () => {
      await extension().activate();
      gateway = await startMockGateway({ port: 0 });
      client = new GatewayClient({ baseUrl: `http://127.0.0.1:${gateway.port}` });
      await client.push({ key: { job: 'healthy_job', labels: {} }, method: 'PUT', body: '# TYPE done_total counter\ndone_total 3\n' });
      await client.push({
        key: { job: 'backup_db', labels: { instance: 'db1' } },
        method: 'PUT',
        body: `# HELP backup_db_last_success_unixtime Last success.\n# TYPE backup_db_last_success_unixtime gauge\nbackup_db_last_success_unixtime ${now() - 3 * 86_400}\n`,
      });
      await client.push({ key: { job: 'cleanup', labels: {} }, method: 'PUT', body: 'cleanup_files 1\n' });
      await client.push({ key: { job: 'cleanup', labels: {} }, method: 'POST', body: 'cleanup_files 2 1700000000000\n' });
    });

    after(async () => {
      api().setPrompts(undefined);
      await setGateways(undefined);
      await client?.close();
      await gateway?.close();
    });

    it('lists each gateway with its groups: failed and stale first, with the reason', async () => {
      await setGateways([{ name: 'local', url: `http://127.0.0.1:${gateway.port}` }]);
      api().gatewayTree.refresh();
      const [gatewayNode] = await children();
      assert.equal(gatewayNode.kind, 'gateway');
      const groups = await labelsOf(await children(gatewayNode));
      assert.deepEqual(
        groups.map(([label, , context]) => [label, context]),
        [
          ['job=cleanup', 'group.failed'],
          ['job=backup_db instance=db1', 'group.stale'],
          ['job=healthy_job', 'group.healthy'],
        ],
      );
      assert.match(groups[0][1], /^last push failed \d+ s ago$/);
      assert.equal(groups[1][1], 'stale · last success 3 d ago');
      const [gatewayItem] = await labelsOf([gatewayNode]);
      assert.match(gatewayItem[1], /3 groups/);
    });

    it('shows families and samples under a group', async () => {
      const [gatewayNode] = await children();
      const healthy = (await children(gatewayNode)).find((node) => node.kind === 'group' && node.group.labels.job === 'healthy_job');
      assert.ok(healthy);
      const families = await children(healthy);
      assert.deepEqual(await labelsOf(families), [['done_total', 'counter · 1 series', 'family']]);
      assert.deepEqual(await labelsOf(await children(families[0])), [['{instance="", job="healthy_job"}', '3', 'sample']]);
    });

    it('filters groups by text, and sorts them by name on request', async () => {
      const groupLabels = async () => (await labelsOf(await children((await children())[0]))).map(([label]) => label);
      api().gatewayTree.setFilter('HEALTHY');
      assert.deepEqual(await groupLabels(), ['job=healthy_job']);
      api().gatewayTree.setFilter('no such thing');
      assert.deepEqual(await groupLabels(), ['No group matches the filter "no such thing"']);
      api().gatewayTree.setFilter('');
      api().gatewayTree.setOrder('name');
      assert.deepEqual(await groupLabels(), ['job=backup_db instance=db1', 'job=cleanup', 'job=healthy_job']);
      api().gatewayTree.setOrder('attention');
    });

    it('opens a group as a read-only exposition document', async () => {
      const [gatewayNode] = await children();
      const healthy = (await children(gatewayNode)).find((node) => node.kind === 'group' && node.group.labels.job === 'healthy_job');
      await vscode.commands.executeCommand('pushgateway.openGroupAsDocument', healthy);
      const document = vscode.window.activeTextEditor?.document;
      assert.equal(document?.languageId, 'prometheus-exposition');
      assert.equal(document?.getText(), '# TYPE done_total counter\ndone_total{instance="",job="healthy_job"} 3\n');
    });

    it('deletes a group only after confirmation, from the gateway and from the tree', async () => {
      const questions: string[] = [];
      let answer = false;
      api().setPrompts({ confirm: async (message) => (questions.push(message), answer) });
      const findStale = async () => (await children((await children())[0])).find((node) => node.kind === 'group' && node.group.labels.job === 'backup_db');
      await vscode.commands.executeCommand('pushgateway.deleteGroup', await findStale());
      assert.deepEqual(questions, ['Delete the group job=backup_db instance=db1 on local?']);
      assert.ok(await findStale(), 'deleted although the confirmation was declined');
      answer = true;
      await vscode.commands.executeCommand('pushgateway.deleteGroup', await findStale());
      assert.equal(await findStale(), undefined);
      const listed = await client.groups();
      assert.ok(listed.ok);
      assert.deepEqual(listed.value.map((group) => group.labels.job).sort(), ['cleanup', 'healthy_job']);
    });

    it('asks for credentials on a 401, sends those set by command, and keeps them out of the settings', async () => {
      const guarded = await startMockGateway({ port: 0, auth: { user: 'ci', password: 's3cret-pw' } });
      try {
        await setGateways([{ name: 'guarded', url: guarded.url }]);
        api().gatewayTree.refresh();
        const gatewayNode = (await children())[0];
        const [error] = await labelsOf(await children(gatewayNode));
        assert.match(error[0], /asks for credentials \(401\)/);
        assert.equal(error[2], 'gatewayError.unauthorized');

        const answers = ['ci', 's3cret-pw'];
        api().setPrompts({ pickCredentialKind: async () => 'basic', inputCredential: async () => answers.shift() });
        await vscode.commands.executeCommand('pushgateway.setCredentials', gatewayNode);
        const groups = await labelsOf(await children((await children())[0]));
        assert.deepEqual(groups, [['No groups on this gateway', '', '']]);
        const log = guarded.log.entries().map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
        assert.ok(log.includes('GET /api/v1/metrics 200'), log.join(', '));

        const settingsFiles = [vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json')];
        for (const file of settingsFiles) {
          const text = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
          assert.doesNotMatch(text, /s3cret-pw/, `${file.fsPath} holds the password`);
        }
        assert.doesNotMatch(JSON.stringify(vscode.workspace.getConfiguration('pushgateway')), /s3cret-pw/);
      } finally {
        api().setPrompts(undefined);
        await guarded.close();
      }
    });

    it('shows an error node with the reason for a gateway it cannot reach', async () => {
      const port = await findFreePort();
      await setGateways([{ name: 'down', url: `http://127.0.0.1:${port}` }]);
      api().gatewayTree.refresh();
      const [gatewayNode] = await children();
      const [error] = await labelsOf(await children(gatewayNode));
      assert.match(error[0], /connection refused/);
      assert.equal(error[2], 'gatewayError');
    });
  });
});
