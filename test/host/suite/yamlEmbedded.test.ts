import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { showNewFile, waitFor, workspaceFile } from './helpers';

const CRONJOB = [
  'apiVersion: batch/v1',
  'kind: CronJob',
  'metadata:',
  '  name: backup',
  'spec:',
  '  schedule: "0 2 * * *"',
  '  jobTemplate:',
  '    spec:',
  '      template:',
  '        spec:',
  '          restartPolicy: Never',
  '          containers:',
  '            - name: backup',
  '              image: curlimages/curl:8.7.1',
  '              command: ["/bin/sh", "-c"]',
  '              args:',
  '                - |',
  '                  cat <<EOF | curl --data-binary @- http://pushgateway:9091/metrics/job/backup',
  '                  backup_ok{db=orders} 1',
  '                  EOF',
  '',
].join('\n');

const WORKFLOW = [
  'name: report',
  'on: [push]',
  'jobs:',
  '  report:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - name: Push the result',
  '        run: |',
  '          echo "ci_ok{branch=main} 1" | curl --data-binary @- "$PUSHGATEWAY/metrics/job/ci"',
  '',
].join('\n');

function findings(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'pushgateway' && d.code === code);
}

function at(diagnostic: vscode.Diagnostic): number[] {
  return [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line];
}

describe('shell embedded in YAML', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceFile('yaml-embedded'), { recursive: true, useTrash: false });
  });

  it("puts a CronJob heredoc's error on the YAML line and column of the body", async () => {
    const uri = workspaceFile('yaml-embedded/cronjob.yaml');
    await showNewFile(uri, CRONJOB);
    await waitFor(() => findings(uri, 'expected-quote').length > 0, 'the expected-quote error of the heredoc in the CronJob');
    const [error] = findings(uri, 'expected-quote');
    assert.equal(error.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(at(error), [18, 18 + 'backup_ok{db='.length, 18]);
  });

  it("puts a workflow run: step's echo | curl error on its YAML line, and drops it once fixed", async () => {
    const uri = workspaceFile('yaml-embedded/.github/workflows/report.yml');
    const document = await showNewFile(uri, WORKFLOW);
    await waitFor(() => findings(uri, 'expected-quote').length > 0, 'the expected-quote error of the echo in the run: step');
    const [error] = findings(uri, 'expected-quote');
    assert.deepEqual(at(error), [8, 10 + 'echo "ci_ok{branch='.length, 8]);

    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(8, 10, 8, 10 + 'echo "ci_ok{branch=main}'.length), 'echo \'ci_ok{branch="main"}');
    edit.replace(uri, new vscode.Range(8, 10 + 'echo "ci_ok{branch=main} 1'.length, 8, 10 + 'echo "ci_ok{branch=main} 1"'.length), "'");
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(document.lineAt(8).text, /echo 'ci_ok\{branch="main"\} 1' \| curl/);
    await waitFor(() => findings(uri, 'expected-quote').length === 0 && vscode.languages.getDiagnostics(uri).some((d) => d.code === 'no-help'), 'the error to go after the fix, the body still linted');
  });
});
