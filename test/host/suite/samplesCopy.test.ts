import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { freshSamplesCopy } from '../../../scripts/demo/samplesCopy';
import { repoRoot } from '../../../scripts/host/paths';
import { waitFor } from './helpers';

describe('the demo opens a copy of the samples', () => {
  const tracked = path.join(repoRoot(), 'samples', 'scripts', 'clean_logs.sh');
  let work: string;

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-demo-samples-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('saves the quick fix of clean_logs.sh into the copy; the tracked sample and the next copy keep the typo', async () => {
    const trackedBefore = fs.readFileSync(tracked, 'utf8');
    assert.match(trackedBefore, /countr\n/);
    const copy = freshSamplesCopy(path.join(repoRoot(), 'samples'), path.join(work, 'samples'));
    const script = vscode.Uri.file(path.join(copy, 'scripts', 'clean_logs.sh'));

    const document = await vscode.workspace.openTextDocument(script);
    await vscode.window.showTextDocument(document);
    await waitFor(() => vscode.languages.getDiagnostics(script).some((d) => d.code === 'unknown-type'), 'the unknown-type diagnostic in the copy');
    const diagnostic = vscode.languages.getDiagnostics(script).find((d) => d.code === 'unknown-type');
    assert.ok(diagnostic);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', script, diagnostic.range);
    const fix = actions.find((action) => action.title === 'Change to counter');
    assert.ok(fix?.edit, `no "Change to counter" among ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(await document.save(), 'the fixed copy was not saved');

    assert.match(fs.readFileSync(script.fsPath, 'utf8'), /# TYPE clean_logs_deleted_files_total counter\n/);
    assert.equal(fs.readFileSync(tracked, 'utf8'), trackedBefore);
    freshSamplesCopy(path.join(repoRoot(), 'samples'), copy);
    assert.equal(fs.readFileSync(script.fsPath, 'utf8'), trackedBefore);
  });
});
