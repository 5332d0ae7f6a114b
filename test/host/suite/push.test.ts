import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { PushMethod } from '../../../src/core/protocol/pushMethod';
import type { UserPrompts } from '../../../src/ui/prompts';
import { api, clientOfEmbeddedMock, waitFor, workspaceFile } from './helpers';

async function openExposition(content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'prometheus-exposition', content });
  await vscode.window.showTextDocument(document);
  return document;
}

describe('push from the editor', () => {
  let client: GatewayClient;
  let method: PushMethod = 'PUT';
  const confirmations: string[] = [];
  let pushAnyway = false;
  const basePrompts: Partial<UserPrompts> = {
    pickGateway: async (gateways) => gateways.find((gateway) => gateway.embedded),
    inputGroupingKey: async () => 'job=from_editor,path="/var/backups"',
    pickMethod: async () => method,
    confirm: async (message) => (confirmations.push(message), pushAnyway),
  };

  before(async () => {
    client = await clientOfEmbeddedMock();
    api().setPrompts(basePrompts);
  });

  after(async () => {
    api().setPrompts(undefined);
    await client?.close();
    await vscode.commands.executeCommand('pushgateway.stopMock');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  function selectedGroupLabels(): Array<Record<string, string>> {
    return api().gatewayView.selection.flatMap((node) => (node.kind === 'group' ? [{ ...node.group.labels }] : []));
  }

  /** The view's selection reaches the extension host after the reveal, later under load: wait for it to hold exactly this group. */
  async function waitForSelectedGroup(labels: Record<string, string>): Promise<void> {
    await waitFor(() => isDeepStrictEqual(selectedGroupLabels(), [labels]), `the explorer selection to be ${JSON.stringify(labels)}`).catch(() => undefined);
    assert.deepEqual(selectedGroupLabels(), [labels]);
  }

  async function familiesOfGroup(): Promise<string[]> {
    const groups = await client.groups();
    assert.ok(groups.ok);
    const group = groups.value.find((g) => g.labels.job === 'from_editor');
    return group ? group.families.map((family) => family.name) : [];
  }

  it('pushes the buffer with the grouping key given (a value with "/" goes as base64), PUT replacing and POST merging', async () => {
    await openExposition('# TYPE first_metric gauge\nfirst_metric 1\n');
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushBuffer'), true);
    const groups = await client.groups();
    assert.ok(groups.ok);
    assert.deepEqual(groups.value.find((g) => g.labels.job === 'from_editor')?.labels, { job: 'from_editor', path: '/var/backups' });
    assert.deepEqual(await familiesOfGroup(), ['first_metric']);

    method = 'POST';
    await openExposition('# TYPE second_metric gauge\nsecond_metric 2');
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushBuffer'), true, 'a body without final new-line is sent with one');
    assert.deepEqual(await familiesOfGroup(), ['first_metric', 'second_metric']);

    method = 'PUT';
    await openExposition('# TYPE third_metric gauge\nthird_metric 3\n');
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushBuffer'), true);
    assert.deepEqual(await familiesOfGroup(), ['third_metric']);
  });

  it('offers "Push to" and "Dry-run on mock" above a pushed heredoc, and pushes it with the values asked for and the key from its URL', async () => {
    const script = await vscode.workspace.openTextDocument(workspaceFile('push_heredoc.sh'));
    await vscode.window.showTextDocument(script);
    // The alert rules lens beside them has its own test (alertRulesCodeLens.test.ts).
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', script.uri)).filter((lens) => lens.command?.command !== 'pushgateway.createAlertRules');
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
      [
        [3, '$(cloud-upload) Push to 127.0.0.1:9091'],
        [3, '$(beaker) Dry-run on mock'],
        [8, '$(trash) Delete this group on 127.0.0.1:9091'],
      ],
    );
    const asked: Array<[string, string | undefined]> = [];
    api().setPrompts({ ...basePrompts, inputVariable: async (text, initial) => (asked.push([text, initial]), text === '$PUSHGATEWAY' ? client.baseUrl : '1024') });
    const dryRun = lenses[1].command;
    assert.ok(dryRun);
    assert.equal(await vscode.commands.executeCommand(dryRun.command, ...(dryRun.arguments ?? [])), true);
    assert.deepEqual(
      asked,
      [
        ['$PUSHGATEWAY', 'http://127.0.0.1:9091'],
        ['$SIZE', undefined],
      ],
      'the default the script assigns was not offered',
    );
    const groups = await client.groups();
    assert.ok(groups.ok);
    const group = groups.value.find((g) => g.labels.job === 'heredoc_backup');
    assert.deepEqual(group?.labels, { job: 'heredoc_backup', path: '/var/backups' });
    assert.deepEqual(
      group?.families.map((family) => [family.name, family.metrics[0]?.value]),
      [['backup_size_bytes', '1024']],
    );
    // The dry run shows the group the mock now holds: selected in the explorer, open beside the script.
    await waitForSelectedGroup({ job: 'heredoc_backup', path: '/var/backups' });
    const shown = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.scheme === 'pushgateway-group');
    assert.match(shown?.document.getText() ?? '', /^backup_size_bytes\{.*\} 1024$/m);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), script.uri.toString(), 'the script lost the focus');

    // The script's own `curl -X DELETE` line deletes that group, after a confirmation.
    pushAnyway = true;
    const deleteLens = lenses[2].command;
    assert.ok(deleteLens);
    assert.equal(await vscode.commands.executeCommand(deleteLens.command, ...(deleteLens.arguments ?? [])), true);
    assert.match(confirmations[confirmations.length - 1], /^Delete the group job=heredoc_backup path=\/var\/backups on /);
    const after = await client.groups();
    assert.ok(after.ok);
    assert.equal(
      after.value.find((g) => g.labels.job === 'heredoc_backup'),
      undefined,
    );
    pushAnyway = false;
    api().setPrompts(basePrompts);
  });

  it('does not push a body with lint errors unless "Push Anyway" is chosen, and maps a 400 to the line', async () => {
    const document = await openExposition('# TYPE ok_metric gauge\nok_metric 1\nbroken metric\n');
    pushAnyway = false;
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushBuffer'), false);
    assert.match(confirmations[confirmations.length - 1], /will likely refuse this push: 1 error/);
    assert.deepEqual(await familiesOfGroup(), ['third_metric'], 'something was pushed although the user declined');

    pushAnyway = true;
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushBuffer'), false);
    await waitFor(() => vscode.languages.getDiagnostics(document.uri).some((d) => d.source === 'pushgateway-push'), 'the refusal diagnostic');
    const refusal = vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'pushgateway-push');
    assert.equal(refusal?.range.start.line, 2);
    assert.match(refusal?.message ?? '', /text format parsing error in line 3: expected float as value, got "metric"/);
  });

  it('follows pushgateway.lint.rules before a push: an error turned into a warning asks nothing', async () => {
    const lintConfiguration = vscode.workspace.getConfiguration('pushgateway.lint');
    await lintConfiguration.update('rules', { timestamp: 'warning' }, vscode.ConfigurationTarget.Workspace);
    try {
      await openExposition('# TYPE stamped_metric gauge\nstamped_metric 1 1700000000000\n');
      const asked = confirmations.length;
      assert.equal(await vscode.commands.executeCommand('pushgateway.pushBuffer'), false, 'the mock accepted a timestamp');
      assert.equal(confirmations.length, asked, `asked although the setting makes it a warning: ${confirmations.slice(asked).join('; ')}`);
    } finally {
      await lintConfiguration.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('reveals a pushed group in the explorer, selected, and says so when the group is gone', async () => {
    await openExposition('# TYPE revealed_metric gauge\nrevealed_metric 1\n');
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushBuffer'), true);
    const node = await api().revealGroup('Mock Gateway', { job: 'from_editor', path: '/var/backups' });
    assert.ok(node, 'the pushed group was not found in the tree');
    await waitForSelectedGroup({ job: 'from_editor', path: '/var/backups' });
    assert.equal(await api().revealGroup('Mock Gateway', { job: 'never_pushed' }), undefined);
  });

  it('deletes a group named in the palette command, after a confirmation, with the key last pushed from the file', async () => {
    await openExposition('# TYPE doomed_metric gauge\ndoomed_metric 1\n');
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushBuffer'), true);
    assert.deepEqual(await familiesOfGroup(), ['doomed_metric']);
    pushAnyway = false;
    assert.equal(await vscode.commands.executeCommand('pushgateway.deleteGroupByKey'), false);
    assert.match(confirmations[confirmations.length - 1], /^Delete the group job=from_editor path=\/var\/backups on Mock Gateway\?/);
    assert.deepEqual(await familiesOfGroup(), ['doomed_metric'], 'deleted although the user declined');
    const offered: string[] = [];
    api().setPrompts({ ...basePrompts, inputGroupingKey: async (suggested) => (offered.push(suggested), suggested) });
    pushAnyway = true;
    assert.equal(await vscode.commands.executeCommand('pushgateway.deleteGroupByKey'), true);
    assert.deepEqual(offered, ['job=from_editor,path=/var/backups']);
    assert.deepEqual(await familiesOfGroup(), []);
    api().setPrompts(basePrompts);
  });
});
