import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import type { UserPrompts } from '../../../src/ui/prompts';
import { api, clientOfEmbeddedMock, waitFor, waitForLenses } from './helpers';

// The editor on the tree finder: echo and printf bodies piped to curl get their diagnostics on the
// script's own lines, their CodeLens and dry run; the @file mistake gets its @- quick fix.
const SCRIPT = [
  '#!/bin/sh',
  'tree_value=$(wc -l </etc/hosts)',
  'echo "echo_metric{a=x} 1" | curl --data-binary @- http://127.0.0.1:9091/metrics/job/tree_echo',
  `printf '# TYPE tree_printf_metric gauge\\ntree_printf_metric %s\\n' "$tree_value" | curl --data-binary @- http://127.0.0.1:9091/metrics/job/tree_printf`,
  'cat <<EOF | curl --data-binary @notes.md http://127.0.0.1:9091/metrics/job/tree_file',
  'file_metric 1',
  'EOF',
  '',
].join('\n');

type Shown = [code: string, line: number, start: number, end: number];

function shown(uri: vscode.Uri): Shown[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'pushgateway')
    .map((d) => [String(d.code), d.range.start.line, d.range.start.character, d.range.end.character]);
}

const has = (uri: vscode.Uri, wanted: Shown) => shown(uri).some((entry) => entry.every((value, index) => value === wanted[index]));

/** The push and delete lenses (the alert-rules lens has its own test). */
const isPushLens = (lens: vscode.CodeLens) => lens.command?.command !== 'pushgateway.createAlertRules';

describe('echo and printf pushes in the editor (tree finder)', () => {
  let client: GatewayClient;
  let document: vscode.TextDocument;

  before(async () => {
    client = await clientOfEmbeddedMock();
    document = await vscode.workspace.openTextDocument({ language: 'shellscript', content: SCRIPT });
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    api().setPrompts(undefined);
    await client?.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the findings of an echo body and a printf body on the script’s own line and column', async () => {
    await waitFor(() => has(document.uri, ['expected-quote', 2, 20, 21]), 'the echo body’s expected-quote error on line 3');
    await waitFor(() => has(document.uri, ['push-stdin-ignored', 4, 31, 40]), 'the @file warning on line 5');
    assert.ok(has(document.uri, ['no-help', 3, 15, 33]), `the printf body’s no-help warning; shown: ${JSON.stringify(shown(document.uri))}`);
  });

  it('offers Push and Dry-run above the echo and printf lines, and the dry run sends the printf body with the value asked', async () => {
    const lenses = await waitForLenses(document.uri, 'the CodeLens of the printf line', (all) => all.some((lens) => lens.range.start.line === 3), isPushLens);
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
      [
        [2, '$(cloud-upload) Push to 127.0.0.1:9091'],
        [2, '$(beaker) Dry-run on mock'],
        [3, '$(cloud-upload) Push to 127.0.0.1:9091'],
        [3, '$(beaker) Dry-run on mock'],
      ],
      'the @file push (curl sends the file) gets no lens',
    );
    const asked: string[] = [];
    api().setPrompts({ inputVariable: async (text) => (asked.push(text), '42') } satisfies Partial<UserPrompts>);
    const dryRun = lenses[3].command;
    assert.ok(dryRun);
    assert.equal(await vscode.commands.executeCommand(dryRun.command, ...(dryRun.arguments ?? [])), true);
    assert.deepEqual(asked, ['$tree_value']);
    const groups = await client.groups();
    assert.ok(groups.ok);
    const group = groups.value.find((g) => g.labels.job === 'tree_printf');
    assert.deepEqual(
      group?.families.map((family) => [family.name, family.metrics[0]?.value]),
      [['tree_printf_metric', '42']],
    );
    // Asked once: the second dry run takes the remembered value.
    assert.equal(await vscode.commands.executeCommand(dryRun.command, ...(dryRun.arguments ?? [])), true);
    assert.deepEqual(asked, ['$tree_value']);
  });

  it('fixes the @file mistake with @-', async () => {
    const warning = vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'push-stdin-ignored');
    assert.ok(warning);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, warning.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Send the piped body (@-)');
    assert.ok(fix?.edit, `no @- fix among: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(4).text, 'cat <<EOF | curl --data-binary @- http://127.0.0.1:9091/metrics/job/tree_file');
    await waitFor(() => !shown(document.uri).some(([code]) => code === 'push-stdin-ignored'), 'the @file warning to go');
  });

  it('keeps the findings right while the script is edited', async () => {
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), '# a line above moves everything down\n'));
    await waitFor(() => has(document.uri, ['expected-quote', 3, 20, 21]), 'the echo error to move to line 4');
    // Quote the label value: the error goes, the printf warning stays where it is.
    await editor.edit((edit) => edit.replace(new vscode.Range(3, 20, 3, 21), '\\"x\\"'));
    await waitFor(() => !shown(document.uri).some(([code]) => code === 'expected-quote'), 'the echo error to go once the value is quoted');
    assert.ok(has(document.uri, ['no-help', 4, 15, 33]), `the printf warning on line 5; shown: ${JSON.stringify(shown(document.uri))}`);
    // A new echo push typed at the end is linted too.
    await editor.edit((edit) => edit.insert(new vscode.Position(document.lineCount - 1, 0), 'echo "late metric" | curl --data-binary @- http://127.0.0.1:9091/metrics/job/tree_late\n'));
    await waitFor(() => shown(document.uri).some(([code, line]) => line === document.lineCount - 2 && code !== 'no-help' && code !== 'missing-type'), 'an error on the new echo line');
  });
});
