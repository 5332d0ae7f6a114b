import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, waitFor, workspaceFile } from './helpers';

// Runs first (files run in name order): nothing has touched the extension yet.
describe('activation', () => {
  it('stays inactive until something of its own is used', () => {
    assert.equal(extension().isActive, false);
  });

  it('activates when a .prom file is opened, which gets the exposition language', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('sample.prom'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'prometheus-exposition');
    await waitFor(() => extension().isActive, 'the extension to activate');
  });
});
