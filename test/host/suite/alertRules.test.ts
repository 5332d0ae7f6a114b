import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { MockGateway, startMockGateway } from '../../../src/core/mock';
import { api, extension, groupNode, setGateways, workspaceFile } from './helpers';

const RULES_FOLDER = 'alert-rules-test';
const PROMTOOL = process.env.PGW_PROMTOOL ?? 'promtool';

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('Create Alert Rules…', () => {
  let gateway: MockGateway;
  let client: GatewayClient;
  const ruleFile = workspaceFile(`${RULES_FOLDER}/backup_db-db1.rules.yml`);
  const testFile = workspaceFile(`${RULES_FOLDER}/backup_db-db1.rules.test.yml`);

  before(async () => {
    await extension().activate();
    gateway = await startMockGateway({ port: 0 });
    client = new GatewayClient({ baseUrl: gateway.url });
    await client.push({
      key: { job: 'backup_db', labels: { instance: 'db1' } },
      method: 'PUT',
      body: `# TYPE backup_db_last_success_unixtime gauge\nbackup_db_last_success_unixtime ${Math.floor(Date.now() / 1000)}\n`,
    });
    await setGateways([{ name: 'rules', url: gateway.url, staleAfterHours: 2 }]);
  });

  after(async () => {
    api().setPrompts(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceFile(RULES_FOLDER), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await setGateways(undefined);
    await client?.close();
    await gateway?.close();
  });

  it("writes the group's rule file and its promtool test into the folder asked for, and opens it", async () => {
    const asked: string[] = [];
    api().setPrompts({ inputRulesFolder: async (initial) => (asked.push(initial), RULES_FOLDER) });
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('pushgateway.createAlertRules', await groupNode('backup_db'));
    assert.deepEqual(asked, ['prometheus/rules']);
    assert.equal(written?.toString(), ruleFile.toString());
    const rules = await readText(ruleFile);
    assert.match(rules, /expr: "time\(\) - backup_db_last_success_unixtime\{job=\\"backup_db\\",instance=\\"db1\\"\} > 7200"/);
    assert.match(await readText(testFile), /^ {2}- "backup_db-db1.rules.yml"$/m);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), ruleFile.toString());
  });

  it('writes rules that promtool check rules and promtool test rules accept', function () {
    const checked = spawnSync(PROMTOOL, ['check', 'rules', ruleFile.fsPath], { encoding: 'utf8' });
    if (checked.error) {
      console.log(`      promtool not run (${checked.error.message}): install the Debian package prometheus`);
      this.skip();
    }
    assert.equal(checked.status, 0, `${checked.stdout}${checked.stderr}`);
    assert.match(checked.stdout, /SUCCESS: 3 rules found/);
    const tested = spawnSync(PROMTOOL, ['test', 'rules', testFile.fsPath], { encoding: 'utf8' });
    assert.equal(tested.status, 0, `${tested.stdout}${tested.stderr}`);
  });

  it('overwrites existing files only when the user confirms', async () => {
    await vscode.workspace.fs.writeFile(ruleFile, new TextEncoder().encode('# mine\n'));
    const confirmations: string[] = [];
    let answer = false;
    api().setPrompts({ inputRulesFolder: async () => RULES_FOLDER, confirm: async (message) => (confirmations.push(message), answer) });
    const declined = await vscode.commands.executeCommand<vscode.Uri | undefined>('pushgateway.createAlertRules', await groupNode('backup_db'));
    assert.equal(declined, undefined);
    assert.equal(await readText(ruleFile), '# mine\n');
    assert.deepEqual(confirmations, [`Overwrite ${RULES_FOLDER}/backup_db-db1.rules.yml and ${RULES_FOLDER}/backup_db-db1.rules.test.yml?`]);

    answer = true;
    await vscode.commands.executeCommand('pushgateway.createAlertRules', await groupNode('backup_db'));
    assert.match(await readText(ruleFile), /^# Alert rules for the batch job "backup_db"/);
  });

  it('refuses a folder outside the workspace', async () => {
    let validate: ((text: string) => string | undefined) | undefined;
    api().setPrompts({ inputRulesFolder: async (_initial, check) => ((validate = check), undefined) });
    await vscode.commands.executeCommand('pushgateway.createAlertRules', await groupNode('backup_db'));
    assert.ok(validate);
    assert.equal(validate('../elsewhere'), 'The folder must be inside the workspace');
    assert.equal(validate('/etc/prometheus'), 'A folder relative to the workspace, like prometheus/rules');
    assert.equal(validate('prometheus/rules'), undefined);
  });
});
