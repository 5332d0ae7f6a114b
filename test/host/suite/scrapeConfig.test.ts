import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { showNewFile, waitFor, workspaceFile } from './helpers';

const CONFIG = ['global:', '  scrape_interval: 15s', 'scrape_configs:', '  - job_name: batch', '    static_configs:', "      - targets: ['gateway.internal:9091']", ''].join('\n');

function honorLabelsWarnings(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'pushgateway' && d.code === 'honor-labels');
}

describe('scrape config check', () => {
  const uri = workspaceFile('scrape-config-check/prometheus.yml');

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceFile('scrape-config-check'), { recursive: true, useTrash: false });
  });

  it('warns on a Pushgateway scrape job without honor_labels, and its quick fix sets it', async () => {
    const document = await showNewFile(uri, CONFIG);
    await waitFor(() => honorLabelsWarnings(uri).length > 0, 'the honor-labels warning on prometheus.yml');
    const [warning] = honorLabelsWarnings(uri);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual([warning.range.start.line, warning.range.start.character, warning.range.end.character], [3, 14, 19]);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warning.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Set honor_labels: true');
    assert.ok(fix?.edit, `no "Set honor_labels: true" fix among: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), CONFIG.replace('  - job_name: batch\n', '  - job_name: batch\n    honor_labels: true\n'));
    await waitFor(() => honorLabelsWarnings(uri).length === 0, 'the warning to go after the fix');
  });

  it('checks again when the files setting changes: a file it no longer names loses its warning', async () => {
    const other = workspaceFile('scrape-config-check/elsewhere/prometheus.yml');
    await showNewFile(other, CONFIG);
    await waitFor(() => honorLabelsWarnings(other).length > 0, 'the honor-labels warning on the second prometheus.yml');
    const configuration = vscode.workspace.getConfiguration('pushgateway');
    try {
      await configuration.update('scrapeConfigFiles', ['**/not-this-one.yml'], vscode.ConfigurationTarget.Workspace);
      await waitFor(() => honorLabelsWarnings(other).length === 0, 'the warning to go once the setting no longer names the file');
    } finally {
      await configuration.update('scrapeConfigFiles', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => honorLabelsWarnings(other).length > 0, 'the warning back with the default files');
  });
});
