import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import type { UserPrompts } from '../../../src/ui/prompts';
import { api, clientOfEmbeddedMock, showNewFile, waitFor, waitForLenses, workspaceFile } from './helpers';

// Python (prometheus_client) and Go (client_golang) files: their push and delete calls get a
// CodeLens each ("Delete this group", "Dry-run", which runs nothing of the code), and they are
// never linted as exposition.
describe('client libraries in the editor', () => {
  let client: GatewayClient;
  const confirmations: string[] = [];
  const prompts: Partial<UserPrompts> = {
    confirm: async (message) => (confirmations.push(message), true),
    notify: async () => undefined,
  };

  before(async () => {
    client = await clientOfEmbeddedMock();
    api().setPrompts(prompts);
  });

  after(async () => {
    api().setPrompts(undefined);
    await client?.close();
    await vscode.commands.executeCommand('pushgateway.stopMock');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  function openCode(name: string, content: string): Promise<vscode.TextDocument> {
    return showNewFile(workspaceFile(name), content);
  }

  /** The grammar loads at the first request: the lenses once the provider answers with `count` of them. */
  function lensesOf(document: vscode.TextDocument, count: number): Promise<vscode.CodeLens[]> {
    return waitForLenses(document.uri, `${count} lenses of ${document.fileName}`, (lenses) => lenses.length >= count);
  }

  async function groupJobs(): Promise<string[]> {
    const groups = await client.groups();
    assert.ok(groups.ok);
    return groups.value.map((group) => group.labels.job).sort();
  }

  /** The families the mock holds, with their types: a dry run that pushed its TYPE lines would change them. */
  async function heldFamilies(): Promise<unknown> {
    const groups = await client.groups();
    assert.ok(groups.ok);
    return groups.value.map((group) => ({ labels: group.labels, families: group.families.map((family) => [family.name, family.type, family.metrics.length]) }));
  }

  async function run(lens: vscode.CodeLens | undefined): Promise<unknown> {
    assert.ok(lens?.command);
    return vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
  }

  it('a .py file with push_to_gateway gets "Delete this group" and "Dry-run"; the dry run runs nothing, the delete deletes the group', async () => {
    const host = new URL(client.baseUrl).host;
    const pushed = await client.push({ key: { job: 'client_py', labels: { instance: 'a' } }, body: 'client_py_last_success_seconds 1\n', method: 'PUT' });
    assert.ok(pushed.ok);
    const document = await openCode(
      'push_job.py',
      [
        'from prometheus_client import CollectorRegistry, Gauge, push_to_gateway',
        '',
        'registry = CollectorRegistry()',
        "last = Gauge('client_py_last_success_seconds', 'Last success', registry=registry)",
        'last.set_to_current_time()',
        `push_to_gateway('${host}', job='client_py', registry=registry, grouping_key={'instance': 'a'})`,
        '',
      ].join('\n'),
    );
    const lenses = await lensesOf(document, 2);
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
      [
        [5, `$(trash) Delete this group on ${host}`],
        [5, '$(beaker) Dry-run (runs nothing)'],
      ],
    );

    const before = await heldFamilies();
    assert.equal(await run(lenses[1]), true);
    const shown = vscode.window.visibleTextEditors.find((editor) => editor.document.languageId === 'prometheus-exposition' && editor.document.isUntitled);
    assert.ok(shown, 'the dry run opened no exposition document');
    assert.match(shown.document.getText(), /^# PUT http:\/\/127\.0\.0\.1:\d+\/metrics\/job\/client_py\/instance\/a$/m);
    assert.match(shown.document.getText(), /^# TYPE client_py_last_success_seconds gauge$/m);
    assert.deepEqual(await groupJobs(), ['client_py'], 'the dry run sent something');
    assert.deepEqual(await heldFamilies(), before, 'the dry run changed the group');

    assert.equal(await run(lenses[0]), true);
    assert.match(confirmations[confirmations.length - 1], /^Delete the group job=client_py instance=a on /);
    assert.deepEqual(await groupJobs(), []);
  });

  it('a .go file gets no exposition error, and its push.New(...)...Push() gets the same CodeLens', async () => {
    const host = new URL(client.baseUrl).host;
    const pushed = await client.push({ key: { job: 'client_go', labels: { instance: 'b' } }, body: 'client_go_last_success_seconds 1\n', method: 'PUT' });
    assert.ok(pushed.ok);
    const document = await openCode(
      'push_job.go',
      [
        'package main',
        '',
        'import (',
        '\t"github.com/prometheus/client_golang/prometheus"',
        '\t"github.com/prometheus/client_golang/prometheus/push"',
        ')',
        '',
        'func main() {',
        '\tlast := prometheus.NewGauge(prometheus.GaugeOpts{Name: "client_go_last_success_seconds", Help: "Last success."})',
        '\tlast.SetToCurrentTime()',
        `\t_ = push.New("${client.baseUrl}", "client_go").Collector(last).Grouping("instance", "b").Push()`,
        '}',
        '',
      ].join('\n'),
    );
    const lenses = await lensesOf(document, 2);
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
      [
        [10, `$(trash) Delete this group on ${host}`],
        [10, '$(beaker) Dry-run (runs nothing)'],
      ],
    );
    // The same text as an exposition document gets its errors: the linter has run by then, and left the .go file alone.
    const asExposition = await vscode.workspace.openTextDocument({ language: 'prometheus-exposition', content: document.getText() });
    await waitFor(() => vscode.languages.getDiagnostics(asExposition.uri).length > 0, 'the exposition errors of the same text');
    const errors = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors, [], 'a Go file was linted as exposition');

    const before = await heldFamilies();
    assert.equal(await run(lenses[1]), true);
    const shown = vscode.window.visibleTextEditors.find((editor) => editor.document.isUntitled && /client_go/.test(editor.document.getText()));
    assert.match(shown?.document.getText() ?? '', /^# TYPE client_go_last_success_seconds gauge$/m);
    assert.deepEqual(await groupJobs(), ['client_go']);
    assert.deepEqual(await heldFamilies(), before, 'the dry run changed the group');
    assert.equal(await run(lenses[0]), true);
    assert.deepEqual(await groupJobs(), []);
  });
});
