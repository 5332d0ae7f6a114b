import * as assert from 'node:assert/strict';
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
    assert.match(String(item.description), /· v1\.11\.2 ·/);
    const tooltip = String(item.tooltip);
    assert.match(tooltip, /^utf8\n/);
    assert.ok(tooltip.includes(utf8Gateway.url), tooltip);
    assert.match(tooltip, /Version 1\.11\.2: documents pushed here are linted as Pushgateway 1\.11 with UTF-8 names/);
    assert.match(tooltip, /UTF-8 names: on/);
    assert.match(tooltip, /Consistency check: on/);
  });
});
