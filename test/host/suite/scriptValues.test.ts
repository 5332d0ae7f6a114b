import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { api, clientOfEmbeddedMock, showNewFile, workspaceFile } from './helpers';

const SCRIPT = [
  '#!/usr/bin/env bash',
  'cat <<EOF | curl --data-binary @- "http://127.0.0.1:9091/metrics/job/asked_once"',
  '# TYPE asked_once_bytes gauge',
  'asked_once_bytes $ASKED_ONCE',
  'EOF',
  '',
].join('\n');

describe('the values of a script', () => {
  const asked: Array<[string, string | undefined]> = [];
  let answer = '7';
  let client: GatewayClient;

  before(async () => {
    client = await clientOfEmbeddedMock();
    api().setPrompts({ inputVariable: async (text, initial) => (asked.push([text, initial]), answer) });
  });

  after(async () => {
    api().setPrompts(undefined);
    await client?.close();
    await vscode.commands.executeCommand('pushgateway.stopMock');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function pushedValue(): Promise<string | undefined> {
    const groups = await client.groups();
    assert.ok(groups.ok);
    return groups.value.find((g) => g.labels.job === 'asked_once')?.families[0]?.metrics[0]?.value;
  }

  it('are asked once per workspace across dry runs, and asked again by "Change Script Values"', async () => {
    const document = await showNewFile(workspaceFile('push-scripts/scriptValues.sh'), SCRIPT);
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushHeredoc', document.uri, 1, 'mock'), true);
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushHeredoc', document.uri, 1, 'mock'), true);
    assert.deepEqual(asked, [['$ASKED_ONCE', undefined]], 'asked again on the second dry run');
    assert.equal(await pushedValue(), '7');

    answer = '8';
    assert.equal(await vscode.commands.executeCommand('pushgateway.changeScriptValues'), true);
    assert.deepEqual(asked[1], ['$ASKED_ONCE', '7'], 'the remembered value was not offered');
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushHeredoc', document.uri, 1, 'mock'), true);
    assert.equal(asked.length, 2, 'asked again after the change');
    assert.equal(await pushedValue(), '8');
  });
});
