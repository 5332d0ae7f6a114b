import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, workspaceFile } from './helpers';

type Shown = [code: string, severity: string, line: number, start: number, end: number];

function shown(uri: vscode.Uri): Shown[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'pushgateway')
    .map((d): Shown => [String(d.code), vscode.DiagnosticSeverity[d.severity], d.range.start.line, d.range.start.character, d.range.end.character])
    .sort((a, b) => a[2] - b[2] || a[3] - b[3] || a[0].localeCompare(b[0]));
}

async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

async function openUntitled(content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'prometheus-exposition', content });
  await vscode.window.showTextDocument(document);
  return document;
}

const MISTAKES: Shown[] = [
  ['timestamp', 'Error', 2, 45, 58],
  ['counter-total-suffix', 'Warning', 3, 7, 21],
  ['no-help', 'Warning', 3, 7, 21],
  ['missing-type', 'Information', 5, 0, 21],
  ['no-help', 'Warning', 5, 0, 21],
  ['invalid-value', 'Error', 8, 14, 24],
];

describe('exposition language', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('pushgateway.lint').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows exactly the expected diagnostics for a file with known mistakes', async () => {
    const document = await openFixture('mistakes.prom');
    await waitFor(() => shown(document.uri).length > 0, 'diagnostics on mistakes.prom');
    assert.deepEqual(shown(document.uri), MISTAKES);
  });

  it('shows no diagnostics for a correct file', async () => {
    const document = await openFixture('sample.prom');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.ok(symbols.length > 0, 'sample.prom was not parsed as an exposition document');
    // A positive control opened after it: diagnostics are published in the order documents open, so
    // once the control's show, whatever the correct file was given is there too.
    const control = await openUntitled('# TYPE broken gauge\nbroken metric\n');
    await waitFor(() => shown(control.uri).length > 0, 'the diagnostics of a broken document opened after it');
    assert.deepEqual(shown(document.uri), []);
  });

  it('updates diagnostics after an edit', async () => {
    const document = await openUntitled('# HELP a_total A.\n# TYPE a_total counter\na_total 1\n');
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(2, 9), ' 123'));
    await waitFor(() => shown(document.uri).length > 0, 'a diagnostic after the edit');
    assert.deepEqual(shown(document.uri), [['timestamp', 'Error', 2, 10, 13]]);
  });

  it('follows the rule severities in the settings, and "off" silences a rule', async () => {
    const document = await openFixture('mistakes.prom');
    await vscode.workspace.getConfiguration('pushgateway.lint').update('rules', { 'no-help': 'off', 'missing-type': 'error' }, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => !shown(document.uri).some(([code]) => code === 'no-help'), 'no-help to disappear');
    assert.deepEqual(
      shown(document.uri).find(([code]) => code === 'missing-type'),
      ['missing-type', 'Error', 5, 0, 21],
    );
    await vscode.workspace.getConfiguration('pushgateway.lint').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => shown(document.uri).some(([code]) => code === 'no-help'), 'no-help to come back');
  });

  it('applies the "remove the timestamp" quick fix', async () => {
    const document = await openUntitled('# HELP a_total A.\n# TYPE a_total counter\na_total 1 1700000000000\n');
    await waitFor(() => shown(document.uri).length > 0, 'the timestamp diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(2, 10, 2, 23));
    const fix = actions.find((action) => action.title === 'Remove the timestamp');
    assert.ok(fix?.edit, `no "Remove the timestamp" among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), '# HELP a_total A.\n# TYPE a_total counter\na_total 1\n');
  });

  it('renames every sample of a counter with the "_total" quick fix', async () => {
    const document = await openUntitled('# HELP jobs Jobs.\n# TYPE jobs counter\njobs{q="a"} 1\njobs{q="b"} 2\n');
    await waitFor(() => shown(document.uri).some(([code]) => code === 'counter-total-suffix'), 'the counter-total-suffix diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(1, 7, 1, 11));
    const fix = actions.find((action) => action.title === 'Rename jobs to jobs_total');
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), '# HELP jobs_total Jobs.\n# TYPE jobs_total counter\njobs_total{q="a"} 1\njobs_total{q="b"} 2\n');
  });

  it('lists the families in the outline, with their samples', async () => {
    const document = await openFixture('mistakes.prom');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.detail, symbol.children.map((child) => child.name)]),
      [
        ['backup_db_size_bytes', 'gauge', ['backup_db_size_bytes{database="orders"}']],
        ['backups_failed', 'counter', ['backups_failed']],
        ['cleanup_files_deleted', 'untyped', ['cleanup_files_deleted']],
        ['broken', 'gauge', []],
      ],
    );
  });

  it('shows HELP, TYPE and the sample count on hover', async () => {
    const document = await openFixture('mistakes.prom');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(2, 3));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (content instanceof vscode.MarkdownString ? content.value : String(content)))).join('\n');
    assert.match(text, /backup_db_size_bytes\*\* — gauge/);
    assert.match(text, /Size of the last backup/);
    assert.match(text, /1 sample/);
  });

  it("lints the metric heredocs of a shell script on the script's own lines, and not the correct one", async () => {
    const document = await openFixture('nightly_backup.sh');
    assert.equal(document.languageId, 'shellscript');
    await waitFor(() => shown(document.uri).length > 0, 'diagnostics on nightly_backup.sh');
    assert.deepEqual(shown(document.uri), [
      ['no-last-success', 'Hint', 14, 71, 77],
      ['timestamp', 'Error', 17, 37, 50],
      ['invalid-value', 'Error', 19, 15, 25],
    ]);
  });

  it("fixes a misspelt TYPE inside a shell heredoc, on the script's own line", async () => {
    const script = 'cat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/cleanup"\n# TYPE deleted_total countr\ndeleted_total $count\nEOF\n';
    const document = await vscode.workspace.openTextDocument({ language: 'shellscript', content: script });
    await vscode.window.showTextDocument(document);
    await waitFor(() => shown(document.uri).some(([code]) => code === 'unknown-type'), 'the unknown-type diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(1, 21, 1, 27));
    const fix = actions.find((action) => action.title === 'Change to counter');
    assert.ok(fix?.edit, `no "Change to counter" among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), script.replace('countr', 'counter'));
  });

  it('reports a byte order mark that VS Code hides from the text, as the gateway would refuse the file', async () => {
    const uri = workspaceFile('saved_with_bom.prom');
    await vscode.workspace.fs.writeFile(uri, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# HELP a A.\n# TYPE a gauge\na 1\n')]));
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      assert.equal(document.getText().charCodeAt(0), '#'.charCodeAt(0), 'VS Code kept the BOM in the text');
      await waitFor(() => shown(document.uri).length > 0, 'the byte-order-mark diagnostic');
      assert.deepEqual(shown(document.uri), [['byte-order-mark', 'Error', 0, 0, 0]]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('completes metric types after # TYPE', async () => {
    const document = await openUntitled('# TYPE backup_size_bytes ');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 25));
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const type of ['counter', 'gauge', 'histogram', 'summary', 'untyped']) {
      assert.ok(labels.includes(type), `${type} missing from ${labels.join(', ')}`);
    }
  });
});
