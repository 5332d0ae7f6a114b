import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './helpers';

const SCRIPT = [
  '#!/bin/sh',
  'cat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/backup"',
  '# HELP backup_size_bytes Size.',
  '# TYPE backup_size_bytes gauge',
  'backup_size_bytes $size',
  'EOF',
  '',
].join('\n');

function hints(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'pushgateway' && d.code === 'no-last-success');
}

describe('the golden rule hint', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hints on a pushed heredoc without a last-success gauge, and its quick fix adds one', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'shellscript', content: SCRIPT });
    await vscode.window.showTextDocument(document);
    await waitFor(() => hints(document.uri).length > 0, 'the no-last-success hint');
    const [hint] = hints(document.uri);
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
    assert.deepEqual([hint.range.start.line, hint.range.start.character, hint.range.end.character], [1, 4, 9]);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, hint.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Add backup_last_success_unixtime');
    assert.ok(fix?.edit, `no "Add backup_last_success_unixtime" fix among: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(
      document.getText(),
      SCRIPT.replace(
        'EOF\n',
        '# HELP backup_last_success_unixtime When the job last succeeded, in seconds since the epoch.\n# TYPE backup_last_success_unixtime gauge\nbackup_last_success_unixtime $(date +%s)\nEOF\n',
      ),
    );
    await waitFor(() => hints(document.uri).length === 0, 'the hint to go after the fix');
  });

  it('asks for a gauge the explorer will judge the group by: it follows pushgateway.explorer.lastSuccessPattern', async () => {
    const script = SCRIPT.replace('EOF\n', 'backup_ok_seconds $(date +%s)\nEOF\n');
    const document = await vscode.workspace.openTextDocument({ language: 'shellscript', content: script });
    await vscode.window.showTextDocument(document);
    await waitFor(() => hints(document.uri).length > 0, 'the hint while the default pattern does not match backup_ok_seconds');
    const configuration = vscode.workspace.getConfiguration('pushgateway');
    try {
      await configuration.update('explorer.lastSuccessPattern', '_ok_seconds$', vscode.ConfigurationTarget.Workspace);
      await waitFor(() => hints(document.uri).length === 0, 'the hint to go once the pattern matches backup_ok_seconds');
    } finally {
      await configuration.update('explorer.lastSuccessPattern', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => hints(document.uri).length > 0, 'the hint back with the default pattern');
  });
});
