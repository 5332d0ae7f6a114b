import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, extension, waitForLenses, workspaceFile } from './helpers';

const FOLDER = 'alert-rules-lens-test';
const SCRIPT = `${FOLDER}/backup.sh`;
const RULES_FOLDER = `${FOLDER}/rules`;

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('the Create Alert Rules CodeLens on a push site', () => {
  before(async () => {
    await extension().activate();
    const script = [
      '#!/usr/bin/env bash',
      'cat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/lens_backup/instance/db1"',
      '# TYPE lens_backup_rows gauge',
      'lens_backup_rows $ROWS',
      '# TYPE lens_backup_last_success_unixtime gauge',
      'lens_backup_last_success_unixtime $(date +%s)',
      'EOF',
      'cat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/$JOB"',
      'other_rows 1',
      'EOF',
      'printf \'lens_report_last_success_unixtime %s\\n\' "$(date +%s)" | curl --data-binary @- "$PUSHGATEWAY/metrics/job/lens_report"',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(workspaceFile(SCRIPT), new TextEncoder().encode(script));
  });

  after(async () => {
    api().setPrompts(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceFile(FOLDER), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it("sits above a push with a literal grouping key only, and writes that job's rules with the body's last-success gauge", async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile(SCRIPT));
    await vscode.window.showTextDocument(document);
    const lenses = await waitForLenses(
      document.uri,
      'two Create Alert Rules lenses (the printf one once the shell parser has loaded)',
      (found) => found.length >= 2,
      (lens) => lens.command?.command === 'pushgateway.createAlertRules',
    );
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
      [
        [1, '$(bell) Create Alert Rules…'],
        [10, '$(bell) Create Alert Rules…'],
      ],
      'above the heredoc and the printf push, not above the push whose job is a variable',
    );
    assert.deepEqual(lenses[1].command?.arguments, [{ kind: 'pushSite', job: 'lens_report', grouping: [], lastSuccessMetric: 'lens_report_last_success_unixtime' }]);
    const asked: string[] = [];
    api().setPrompts({ inputRulesFolder: async (initial) => (asked.push(initial), RULES_FOLDER) });
    const command = lenses[0].command;
    assert.ok(command);
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>(command.command, ...(command.arguments ?? []));
    assert.deepEqual(asked, ['prometheus/rules']);
    assert.equal(written?.toString(), workspaceFile(`${RULES_FOLDER}/lens_backup-db1.rules.yml`).toString());
    const rules = await readText(workspaceFile(`${RULES_FOLDER}/lens_backup-db1.rules.yml`));
    assert.match(rules, /time\(\) - lens_backup_last_success_unixtime\{job=\\"lens_backup\\",instance=\\"db1\\"\} > 90000/);
    assert.match(await readText(workspaceFile(`${RULES_FOLDER}/lens_backup-db1.rules.test.yml`)), /lens_backup-db1\.rules\.yml/);
  });
});
