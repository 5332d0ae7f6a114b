import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, clientOfEmbeddedMock, showNewFile, waitFor, workspaceFile } from './helpers';
import { GatewayClient } from '../../../src/core/gateway/client';

// The TYPE line's "countr" is refused whatever $LINT_FIRST_COUNT holds: script line 4.
const SCRIPT = [
  '#!/usr/bin/env bash',
  'cat <<EOF | curl --data-binary @- "http://127.0.0.1:9091/metrics/job/lint_first"',
  '# HELP lint_first_total Files handled.',
  '# TYPE lint_first_total countr',
  'lint_first_total $LINT_FIRST_COUNT',
  'EOF',
  '',
].join('\n');

function shownErrors(document: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === 'pushgateway' && diagnostic.severity === vscode.DiagnosticSeverity.Error);
}

/** Issue 17 item 6: lint first, then the values. */
describe('a dry run of a heredoc the lint refuses whatever its values', () => {
  const events: string[] = [];
  let pushAnyway = false;
  let client: GatewayClient;

  before(async () => {
    client = await clientOfEmbeddedMock();
    api().setPrompts({
      inputVariable: async (text) => (events.push(`asked ${text}`), '3'),
      confirm: async (message, detail) => (events.push(`confirm ${message} ${detail}`), pushAnyway),
    });
  });

  after(async () => {
    api().setPrompts(undefined);
    await client?.close();
    await vscode.commands.executeCommand('pushgateway.stopMock');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('asks "Push Anyway" (naming the script line) before any value, asks none when declined, and asks it once when accepted', async () => {
    const document = await showNewFile(workspaceFile('push-scripts/lintBeforeValues.sh'), SCRIPT);
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushHeredoc', document.uri, 1, 'mock'), false);
    assert.equal(events.length, 1, `asked: ${events.join(' | ')}`);
    assert.match(events[0], /^confirm The gateway will likely refuse this push: \d+ errors?\. line 4: /);
    // The errors are those the editor shows on the heredoc (one lint per document version).
    await waitFor(() => shownErrors(document).length > 0, 'the lint errors on the script');
    const listed = shownErrors(document).map((diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
    assert.equal(events[0], `confirm The gateway will likely refuse this push: ${listed.length} error${listed.length === 1 ? '' : 's'}. ${listed.join('\n')}`);

    pushAnyway = true;
    events.length = 0;
    // The mock refuses the push: false, but it was sent.
    await vscode.commands.executeCommand('pushgateway.pushHeredoc', document.uri, 1, 'mock');
    assert.deepEqual(
      events.map((event) => event.split(' ').slice(0, 2).join(' ')),
      ['confirm The', 'asked $LINT_FIRST_COUNT'],
      'not lint first, value second, and no second "Push Anyway"',
    );
  });
});
