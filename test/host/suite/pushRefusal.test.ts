import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, extension, showNewFile, waitFor, workspaceFile } from './helpers';

// The heredoc's body starts on script line 8; its metric line is script line 9 but line 2 of the body.
const SCRIPT = [
  '#!/usr/bin/env bash',
  '# A push whose value is not a number: the lint and the gateway both name its line.',
  '',
  '',
  '',
  'PUSHGATEWAY=${PUSHGATEWAY:-http://127.0.0.1:9091}',
  'cat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/refused_heredoc"',
  '# TYPE refused_size_bytes gauge',
  'refused_size_bytes $REFUSED_SIZE',
  'EOF',
  '',
].join('\n');
const METRIC_LINE = 8;

describe('a refused push from a script', () => {
  const confirmations: string[] = [];
  const errors: string[] = [];

  before(async () => {
    await extension().activate();
    api().setPrompts({
      inputVariable: async (text) => (text === '$REFUSED_SIZE' ? 'oops' : 'http://127.0.0.1:9091'),
      confirm: async (message, detail) => (confirmations.push(`${message}\n${detail}`), true),
      notify: async (severity, message) => (severity === 'error' && errors.push(message), undefined),
    });
  });

  after(async () => {
    api().setPrompts(undefined);
    await vscode.commands.executeCommand('pushgateway.stopMock');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  function refusals(document: vscode.TextDocument): vscode.Diagnostic[] {
    return vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'pushgateway-push');
  }

  it("names the script's line in the dialog, the toast and the diagnostic, names the mock, and the diagnostic goes when its line is edited", async () => {
    const document = await showNewFile(workspaceFile('push-scripts/pushRefusal.sh'), SCRIPT);
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushHeredoc', document.uri, 6, 'mock'), false);

    assert.match(confirmations.join('\n'), /^line 9: /m, `the Push Anyway dialog: ${confirmations.join(' | ')}`);
    assert.match(errors.join('\n'), /text format parsing error in line 9 \(line 2 of the pushed body\)/, `the toast: ${errors.join(' | ')}`);
    await waitFor(() => refusals(document).length === 1, 'the refusal diagnostic');
    const [refusal] = refusals(document);
    assert.equal(refusal.range.start.line, METRIC_LINE);
    assert.match(refusal.message, /^The mock refused the push: text format parsing error in line 9 \(line 2 of the pushed body\): /);

    // A line added above moves it with its line; an edit of its line removes it.
    const above = new vscode.WorkspaceEdit();
    above.insert(document.uri, new vscode.Position(2, 0), '# one more line\n');
    assert.ok(await vscode.workspace.applyEdit(above));
    await waitFor(() => refusals(document)[0]?.range.start.line === METRIC_LINE + 1, 'the diagnostic to move down one line');

    const fix = new vscode.WorkspaceEdit();
    fix.replace(document.uri, document.lineAt(METRIC_LINE + 1).range, 'refused_size_bytes 42');
    assert.ok(await vscode.workspace.applyEdit(fix));
    await waitFor(() => refusals(document).length === 0, 'the refusal diagnostic to go once its line is fixed');
  });
});
