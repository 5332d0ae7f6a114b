import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

// VS Code's word completion offered "Rows" (from a HELP text) while `$rows` was typed in a heredoc.
// VS Code reads editor settings by the language at the cursor, and a heredoc's body is exposition
// text there (the grammar's embedded language), so a default for that language reaches the body.
describe('word-based suggestions', () => {
  it('are off by default for exposition text, and stay as the user set them for shell scripts', () => {
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'prometheus-exposition' }).get('wordBasedSuggestions'), 'off');
    assert.notEqual(vscode.workspace.getConfiguration('editor', { languageId: 'shellscript' }).get('wordBasedSuggestions'), 'off');
  });
});
