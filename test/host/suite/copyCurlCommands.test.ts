import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { GatewayGroup } from '../../../src/core/gateway/groups';
import { MockGateway, startMockGateway } from '../../../src/core/mock';
import type { ExplorerNode } from '../../../src/explorer/explorerModel';
import { api, extension, groupNode, setGateways } from './helpers';

/** Runs the command on the group and returns what it copied and what it told the user. */
async function copyFor(node: ExplorerNode): Promise<{ copied: string; told: string[] }> {
  const told: string[] = [];
  api().setPrompts({ notify: async (_severity, message) => (told.push(message), undefined) });
  await vscode.env.clipboard.writeText('');
  await vscode.commands.executeCommand('pushgateway.copyCurlCommands', node);
  return { copied: await vscode.env.clipboard.readText(), told };
}

/** The one command the copied text runs when pasted into a shell: its method, URL and body. */
function runnableCommand(copied: string): { method: string; url: string; body: string } {
  const match = /^curl --fail-with-body -X (\w+) --data-binary @- '([^']+)' <<'EOF'\n([\s\S]*?\n)EOF$/m.exec(copied);
  assert.ok(match, `no push command in:\n${copied}`);
  assert.equal(copied.split('\n').filter((line) => line.startsWith('curl ')).length, 1, `more than one runnable curl in:\n${copied}`);
  return { method: match[1], url: match[2], body: match[3] };
}

function withoutPushTimes(groups: readonly GatewayGroup[]): unknown {
  return groups.map(({ labels, families }) => ({ labels, families: families.map(({ name, type, help, metrics }) => ({ name, type, help, metrics })) }));
}

describe('Copy curl Commands', () => {
  let gateway: MockGateway;
  let client: GatewayClient;

  before(async () => {
    await extension().activate();
    gateway = await startMockGateway({ port: 0 });
    client = new GatewayClient({ baseUrl: gateway.url });
    await client.push({
      key: { job: 'backup_db', labels: { instance: 'db1' } },
      method: 'PUT',
      body: '# HELP backup_db_size_bytes Size of the last backup.\n# TYPE backup_db_size_bytes gauge\nbackup_db_size_bytes{database="orders"} 73400320\n',
    });
    await client.push({ key: { job: 'empty_push', labels: {} }, method: 'PUT', body: '' });
    await setGateways([{ name: 'copy', url: gateway.url }]);
  });

  after(async () => {
    api().setPrompts(undefined);
    await setGateways(undefined);
    await client?.close();
    await gateway?.close();
  });

  it("copies a PUT of the group's own metrics, which run as copied leaves the group as it was", async () => {
    const { copied, told } = await copyFor(await groupNode('backup_db'));
    const command = runnableCommand(copied);
    assert.equal(command.method, 'PUT');
    assert.equal(command.url, `${gateway.url}/metrics/job/backup_db/instance/db1`);
    assert.equal(command.body, '# HELP backup_db_size_bytes Size of the last backup.\n# TYPE backup_db_size_bytes gauge\nbackup_db_size_bytes{database="orders"} 7.340032e+07\n');
    assert.match(copied, /^# curl --fail-with-body -X DELETE /m);
    assert.deepEqual(told, ["Copied a curl PUT that pushes this group's 1 metric family back as last read (run unedited, it leaves the metrics as they were), and the group's DELETE, commented out."]);

    const before = await client.groups();
    const pushed = await client.push({ key: { job: 'backup_db', labels: { instance: 'db1' } }, method: 'PUT', body: command.body });
    assert.ok(pushed.ok, 'the gateway refused the copied body');
    const after = await client.groups();
    assert.ok(before.ok && after.ok);
    assert.deepEqual(withoutPushTimes(after.value), withoutPushTimes(before.value));
  });

  it('copies a POST with a marked placeholder for a group without metrics, which the gateway refuses as copied', async () => {
    const { copied, told } = await copyFor(await groupNode('empty_push'));
    const command = runnableCommand(copied);
    assert.equal(command.method, 'POST');
    assert.equal(command.body, 'REPLACE_WITH_YOUR_METRICS\n');
    assert.match(told[0], /^Copied a curl POST to this group with a placeholder body/);
    const pushed = await client.push({ key: { job: 'empty_push', labels: {} }, method: 'POST', body: command.body });
    assert.equal(pushed.ok, false, 'the gateway accepted the placeholder');
  });
});
