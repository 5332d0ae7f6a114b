import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { MockGateway, startMockGateway } from '../../../src/core/mock';
import type { ExplorerNode } from '../../../src/explorer/explorerModel';
import type { UserPrompts } from '../../../src/ui/prompts';
import { api, extension, waitFor } from './helpers';

const QUOTED_UTF8_NAME = ['# HELP "backup.size.bytes" Size of the last backup.', '# TYPE "backup.size.bytes" gauge', '{"backup.size.bytes"} 1', ''].join('\n');

function lintFindings(document: vscode.TextDocument): string[] {
  return vscode.languages
    .getDiagnostics(document.uri)
    .filter((diagnostic) => diagnostic.source === 'pushgateway')
    .map((diagnostic) => `${diagnostic.range.start.line} ${vscode.DiagnosticSeverity[diagnostic.severity]} ${String(diagnostic.code)}`);
}

const NAME_ERRORS = ['0 Error invalid-metric-name', '1 Error invalid-metric-name', '2 Error invalid-metric-name'];
/** Accepted by a UTF-8 gateway: only the warning that promtool and legacy readers would still refuse the name. */
const UTF8_ACCEPTED = ['0 Warning utf8-name'];

describe('lint target chosen by the gateway', function () {
  let utf8Gateway: MockGateway;
  let legacyGateway: MockGateway;
  let chosenGateway = '';
  const confirmations: string[] = [];
  const prompts: Partial<UserPrompts> = {
    pickGateway: async (gateways) => gateways.find((gateway) => gateway.name === chosenGateway),
    inputGroupingKey: async () => 'job=utf8_backup',
    pickMethod: async () => 'PUT',
    confirm: async (message) => (confirmations.push(message), false),
  };

  before(async () => {
    await extension().activate();
    utf8Gateway = await startMockGateway({ port: 0, target: { version: '1.11', utf8Names: true, consistencyCheckDisabled: false } });
    legacyGateway = await startMockGateway({ port: 0 });
    await vscode.workspace.getConfiguration('pushgateway').update(
      'gateways',
      [
        { name: 'utf8', url: utf8Gateway.url },
        { name: 'legacy', url: legacyGateway.url },
      ],
      vscode.ConfigurationTarget.Workspace,
    );
    api().setPrompts(prompts);
  });

  after(async () => {
    api().setPrompts(undefined);
    await vscode.workspace.getConfiguration('pushgateway').update('gateways', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await utf8Gateway?.close();
    await legacyGateway?.close();
  });

  it('lints a quoted UTF-8 name without errors for a gateway that accepts it, and as an error for one that refuses it', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'prometheus-exposition', content: QUOTED_UTF8_NAME });
    await vscode.window.showTextDocument(document);
    // No gateway decides yet: the settings' target (1.11 without UTF-8 names) refuses the name.
    await waitFor(() => lintFindings(document).length === NAME_ERRORS.length, 'the errors of the default target');
    assert.deepEqual(lintFindings(document), NAME_ERRORS);

    chosenGateway = 'utf8';
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushBuffer'), true, 'the UTF-8 gateway refused the push');
    assert.deepEqual(confirmations, [], 'the lint before the push did not follow the gateway chosen');
    await waitFor(() => lintFindings(document).length === UTF8_ACCEPTED.length, 'the document to be clean for the UTF-8 gateway');
    assert.deepEqual(lintFindings(document), UTF8_ACCEPTED);
    const client = new GatewayClient({ baseUrl: utf8Gateway.url });
    try {
      const groups = await client.groups();
      assert.ok(groups.ok);
      assert.deepEqual(
        groups.value.map((group) => group.labels.job),
        ['utf8_backup'],
      );
    } finally {
      await client.close();
    }

    chosenGateway = 'legacy';
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushBuffer'), false, 'pushed although the lint for the legacy gateway found errors');
    assert.equal(confirmations.length, 1);
    assert.match(confirmations[0], /will likely refuse this push: 3 errors/);
    await waitFor(() => lintFindings(document).length === NAME_ERRORS.length, 'the errors for the gateway without UTF-8 names');
    assert.deepEqual(lintFindings(document), NAME_ERRORS);
  });

  it('shows the version on the gateway node, and the target and switches in its tooltip', async () => {
    const roots = (await api().gatewayTree.getChildren()) ?? [];
    const node = roots.find((candidate): candidate is Extract<ExplorerNode, { kind: 'gateway' }> => candidate.kind === 'gateway' && candidate.gateway.name === 'utf8');
    assert.ok(node, 'the utf8 gateway is not listed');
    // Reading its groups reads its status too.
    await api().gatewayTree.getChildren(node);
    const item = await api().gatewayTree.getTreeItem(node);
    assert.match(String(item.description), / · v1\.11\b/);
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /^\*\*utf8\*\* · /);
    assert.ok(tooltip.includes(utf8Gateway.url), tooltip);
    assert.match(tooltip, /Version 1\.11\.2: documents pushed here are linted as Pushgateway 1\.11 with UTF-8 names/);
    assert.match(tooltip, /UTF-8 names: on/);
    assert.match(tooltip, /Consistency check: on/);
  });

  it('lints a group opened from a gateway for that gateway', async () => {
    const roots = (await api().gatewayTree.getChildren()) ?? [];
    const gatewayNode = roots.find((candidate) => candidate.kind === 'gateway' && candidate.gateway.name === 'utf8');
    assert.ok(gatewayNode);
    const group = ((await api().gatewayTree.getChildren(gatewayNode)) ?? []).find((candidate) => candidate.kind === 'group' && candidate.group.labels.job === 'utf8_backup');
    assert.ok(group, 'the pushed group is not listed');
    await vscode.commands.executeCommand('pushgateway.openGroupAsDocument', group);
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document && document.uri.scheme === 'pushgateway-group', 'the group did not open as a document');
    // Linted for the UTF-8 gateway, the served names get only the warning that promtool would refuse them.
    await waitFor(() => lintFindings(document).some((finding) => finding.endsWith('Warning utf8-name')), 'the group document linted for the UTF-8 gateway').catch(() => undefined);
    assert.ok(
      lintFindings(document).some((finding) => finding.endsWith('Warning utf8-name')),
      lintFindings(document).join(', '),
    );
    assert.deepEqual(
      lintFindings(document).filter((finding) => finding.includes('Error')),
      [],
      'the group the UTF-8 gateway holds was linted for a gateway without UTF-8 names',
    );
  });

  it('lints a script heredoc for the listed gateway its push URL names', async () => {
    const heredoc = (url: string) => [`cat <<EOF | curl --data-binary @- ${url}/metrics/job/utf8_backup`, ...QUOTED_UTF8_NAME.split('\n').slice(0, 3), 'EOF', ''];
    const script = await vscode.workspace.openTextDocument({ language: 'shellscript', content: [...heredoc(utf8Gateway.url), ...heredoc(legacyGateway.url)].join('\n') });
    await vscode.window.showTextDocument(script);
    // The first heredoc's body (lines 1-3) goes to the UTF-8 gateway, the second's (lines 7-9) to the one without.
    const expected = ['0 Hint no-last-success', '1 Warning utf8-name', '6 Hint no-last-success', '7 Error invalid-metric-name', '8 Error invalid-metric-name', '9 Error invalid-metric-name'];
    await waitFor(() => isDeepStrictEqual(lintFindings(script), expected), `the script's findings to be ${expected.join(', ')}`).catch(() => undefined);
    assert.deepEqual(lintFindings(script), expected);
  });

  it('lints documents no gateway decides for by the settings, and warns of a bad version, using the default', async () => {
    const notices: string[] = [];
    api().setPrompts({ ...prompts, notify: async (severity, message) => (notices.push(`${severity}: ${message}`), undefined) });
    const lintConfiguration = vscode.workspace.getConfiguration('pushgateway.lint');
    try {
      const document = await vscode.workspace.openTextDocument({ language: 'prometheus-exposition', content: QUOTED_UTF8_NAME });
      await vscode.window.showTextDocument(document);
      await waitFor(() => isDeepStrictEqual(lintFindings(document), NAME_ERRORS), 'the errors of the default target');

      await lintConfiguration.update('utf8Names', true, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => isDeepStrictEqual(lintFindings(document), UTF8_ACCEPTED), 'the document linted for UTF-8 names');

      await lintConfiguration.update('gatewayVersion', '1.9', vscode.ConfigurationTarget.Workspace);
      await waitFor(() => notices.some((notice) => notice.includes('gatewayVersion')), 'a warning about the bad version');
      assert.match(notices.find((notice) => notice.includes('gatewayVersion')) ?? '', /^warning: Pushgateway lint settings: pushgateway\.lint\.gatewayVersion must be "1\.11" or "1\.5", not "1\.9"/);
      // The default version (1.11) with the UTF-8 switch still set.
      assert.deepEqual(lintFindings(document), UTF8_ACCEPTED);
    } finally {
      await lintConfiguration.update('gatewayVersion', undefined, vscode.ConfigurationTarget.Workspace);
      await lintConfiguration.update('utf8Names', undefined, vscode.ConfigurationTarget.Workspace);
      api().setPrompts(prompts);
    }
  });

  it('starts the embedded mock with the pushgateway.mock target settings, warning of a bad value and using its default', async () => {
    const notices: string[] = [];
    api().setPrompts({ ...prompts, notify: async (severity, message) => (notices.push(`${severity}: ${message}`), undefined) });
    const mockConfiguration = vscode.workspace.getConfiguration('pushgateway.mock');
    try {
      await mockConfiguration.update('utf8Names', true, vscode.ConfigurationTarget.Workspace);
      await mockConfiguration.update('disableConsistencyCheck', 'yes', vscode.ConfigurationTarget.Workspace);
      assert.ok(await vscode.commands.executeCommand<string | undefined>('pushgateway.startMock'), 'the mock did not start');
      assert.ok(
        notices.some((notice) => notice.startsWith('warning: Pushgateway mock settings: pushgateway.mock.disableConsistencyCheck must be true or false, not "yes"')),
        notices.join('\n'),
      );
      const mock = api().mock.gateway;
      assert.ok(mock);
      assert.deepEqual(await api().gateways.targetOf(mock), { version: '1.11', utf8Names: true, consistencyCheckDisabled: false });
    } finally {
      await vscode.commands.executeCommand('pushgateway.stopMock');
      await mockConfiguration.update('utf8Names', undefined, vscode.ConfigurationTarget.Workspace);
      await mockConfiguration.update('disableConsistencyCheck', undefined, vscode.ConfigurationTarget.Workspace);
      api().setPrompts(prompts);
    }
  });
});
