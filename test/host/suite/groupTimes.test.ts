import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import { humanTime } from '../../../src/core/groups/documentTimes';
import { api, clientOfEmbeddedMock, groupNode } from './helpers';

/** Issue 17 item 10: a stale group says its age came from the pushed gauge; Open as Document says what a Unix time stands for. */
describe('a group pushed with an old last-success value', () => {
  const lastSuccess = Math.floor(Date.now() / 1000) - 370 * 86_400;
  let client: GatewayClient;

  before(async () => {
    client = await clientOfEmbeddedMock({ fresh: true });
    const body = `# TYPE old_times_last_success_unixtime gauge\nold_times_last_success_unixtime ${lastSuccess}\n`;
    assert.ok((await client.push({ key: { job: 'old_times', labels: {} }, body, method: 'PUT' })).ok);
  });

  after(async () => {
    await client?.close();
    await vscode.commands.executeCommand('pushgateway.stopMock');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is stale, and its reason says the age came from the pushed gauge though it was pushed just now', async () => {
    const node = await groupNode('old_times');
    assert.ok(node.kind === 'group' && node.assessment.health === 'stale');
    assert.match(node.assessment.reason, /^the pushed gauge old_times_last_success_unixtime says the job last succeeded 370 d ago \(more than .+\); the group itself was pushed \d+ s ago$/);
  });

  it('says the reason in its tooltip with spaces a hover can wrap at (no &nbsp;: "befor / e it")', async () => {
    const item = await api().gatewayTree.getTreeItem(await groupNode('old_times'));
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.ok(!tooltip.value.includes('&nbsp;'), tooltip.value);
    assert.match(tooltip.value, /the pushed gauge old\\_times\\_last\\_success\\_unixtime says the job last succeeded 370 d ago /);
  });

  it("opens as a document that keeps the gateway's text and shows the human time as an inlay hint", async () => {
    await vscode.commands.executeCommand('pushgateway.openGroupAsDocument', await groupNode('old_times'));
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.scheme, 'pushgateway-group');
    const line = document
      .getText()
      .split('\n')
      .findIndex((text) => text.startsWith('old_times_last_success_unixtime'));
    assert.ok(line >= 0, document.getText());
    const written = document.lineAt(line).text.split(' ').pop() ?? '';
    assert.equal(Number(written), lastSuccess, 'the value is not the one pushed');
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, document.lineCount, 0));
    assert.deepEqual(
      hints.map((hint) => [hint.position.line, hint.position.character, hint.label]),
      [[line, written.length + document.lineAt(line).text.lastIndexOf(written), humanTime(lastSuccess)]],
    );
  });
});
