import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import type { ExplorerNode } from '../../../src/explorer/explorerModel';
import type { CleanupPickItem } from '../../../src/ui/prompts';
import { api, children, clientOfEmbeddedMock, embeddedMockNode, setGateways } from './helpers';

/** A gateway node's item after its groups were read: description, tooltip Markdown, icon id. */
async function gatewayRow(node: ExplorerNode): Promise<{ description: string; tooltip: string; icon: string }> {
  await children(node);
  const item = await api().gatewayTree.getTreeItem(node);
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
  return { description: String(item.description ?? ''), tooltip, icon: (item.iconPath as vscode.ThemeIcon | undefined)?.id ?? '' };
}

describe('the gateway node', function () {
  this.timeout(30_000);

  describe('of the embedded mock', () => {
    let client: GatewayClient;

    before(async () => {
      client = await clientOfEmbeddedMock({ fresh: true });
    });

    after(async () => {
      api().setPrompts(undefined);
      await client?.close();
      await vscode.commands.executeCommand('pushgateway.stopMock');
    });

    it('has a short description, and URL, version, switches, health, counts, memory and read time in its tooltip', async () => {
      const pushed = await client.push({ key: { job: 'node_texts', labels: {} }, body: '# TYPE a gauge\na 1\n# TYPE b gauge\nb{x="1"} 1\nb{x="2"} 2\n', method: 'PUT' });
      assert.ok(pushed.ok);
      api().gatewayTree.refresh();
      const row = await gatewayRow(await embeddedMockNode());
      assert.equal(row.description, '1 group · v1.11');
      assert.ok(row.tooltip.includes(`\`${client.baseUrl}\``), row.tooltip);
      for (const expected of [
        /Health: healthy, ready/,
        /Failed requests \(4xx\/5xx\): 0 since the gateway started/,
        /Memory: \d+(\.\d)? MB resident/,
        /Groups: 1 · series: 3/,
        /Version 1\.11\.\d+: /,
        /Consistency check: on/,
        /Read at /,
      ]) {
        assert.match(row.tooltip, expected);
      }
    });

    it('says so when pushes fail between two reads', async () => {
      api().gatewayTree.refresh();
      assert.doesNotMatch((await gatewayRow(await embeddedMockNode())).description, /failed/);
      const refused = await client.push({ key: { job: 'node_refused', labels: {} }, body: 'this is not the text format\n', method: 'PUT' });
      assert.equal(refused.ok, false);
      api().gatewayTree.refresh();
      const row = await gatewayRow(await embeddedMockNode());
      assert.match(row.description, /^\d+(\.\d)? failed\/min · 1 group/);
      assert.match(row.tooltip, /Failed requests \(4xx\/5xx\): 1 since the gateway started · \d+(\.\d)?\/min since the last read/);
    });

    it('warns about a job whose groups differ only in one label, and cleans them up through Clean Up Groups', async () => {
      for (let run = 0; run < 10; run++) {
        const pushed = await client.push({ key: { job: 'backup_db', labels: { run_id: `r${run}` } }, body: 'backup_db_rows 1\n', method: 'PUT' });
        assert.ok(pushed.ok);
      }
      const stable = await client.push({ key: { job: 'backup_db', labels: {} }, body: 'backup_db_rows 1\n', method: 'PUT' });
      assert.ok(stable.ok);
      api().gatewayTree.refresh();
      const mock = await embeddedMockNode();
      const [first] = await children(mock);
      assert.equal(first.kind, 'pileUp');
      const item = await api().gatewayTree.getTreeItem(first);
      assert.equal(item.label, 'backup_db: 10 groups differ only in run_id');
      assert.equal(item.contextValue, 'groupPileUp');

      const offered: Array<string | undefined> = [];
      const previews: string[][] = [];
      api().setPrompts({
        inputCleanupAge: async () => '',
        inputCleanupSelector: async (_validate, initial) => (offered.push(initial), initial),
        pickGroupsToDelete: async <T extends CleanupPickItem>(items: readonly T[]) => (previews.push(items.map((entry) => entry.label)), [...items]),
        confirm: async () => true,
        notify: async () => undefined,
      });
      await vscode.commands.executeCommand('pushgateway.cleanUpPileUp', first);
      assert.deepEqual(offered, ['{job="backup_db", run_id!=""}']);
      assert.equal(previews.length, 1);
      assert.equal(previews[0].length, 10);
      assert.ok(!previews[0].includes('job=backup_db'), 'the group without run_id is not offered');
      const left = await client.groups();
      assert.ok(left.ok);
      assert.deepEqual(
        left.value.filter((group) => group.labels.job === 'backup_db').map((group) => group.labels),
        [{ job: 'backup_db' }],
      );
      assert.ok(!(await children(await embeddedMockNode())).some((node) => node.kind === 'pileUp'), 'the warning is gone');
    });
  });

  describe('of a gateway that is not ready', () => {
    let server: http.Server;

    before(async () => {
      server = http.createServer((request, response) => {
        const answers: Record<string, [number, string]> = {
          '/api/v1/metrics': [200, '{"status":"success","data":[]}'],
          '/api/v1/status': [200, '{"status":"success","data":{"build_information":{"version":"1.11.2"},"flags":{}}}'],
          '/-/healthy': [200, 'OK'],
          '/-/ready': [503, 'Service Unavailable'],
          '/metrics': [200, 'process_resident_memory_bytes 2e+07\npushgateway_http_requests_total{code="500",handler="push",method="put"} 4\n'],
        };
        const [status, body] = answers[request.url ?? ''] ?? [404, 'not found'];
        response.writeHead(status).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      await setGateways([{ name: 'sick', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }]);
    });

    after(async () => {
      await setGateways(undefined);
      server?.close();
    });

    it('is marked: an error icon, "not ready" first in its description, the probe in its tooltip', async () => {
      api().gatewayTree.refresh();
      const sick = (await children()).find((node) => node.kind === 'gateway' && node.gateway.name === 'sick');
      assert.ok(sick, 'the sick gateway is not listed');
      const row = await gatewayRow(sick);
      assert.equal(row.description, 'not ready · 0 groups · v1.11');
      assert.equal(row.icon, 'error');
      assert.match(row.tooltip, /Health: healthy, \*\*not ready\*\* \(`\/-\/ready` answered 503\)/);
      assert.match(row.tooltip, /Failed requests \(4xx\/5xx\): 4 since the gateway started/);
    });
  });
});
