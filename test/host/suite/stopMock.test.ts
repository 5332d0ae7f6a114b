import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, extension, manifest } from './helpers';

describe('Stop Mock Gateway', () => {
  const notes: string[] = [];

  before(async () => {
    await extension().activate();
    api().setPrompts({ notify: async (_severity, message) => (notes.push(message), undefined) });
  });

  after(() => api().setPrompts(undefined));

  it('is offered in the view menu only while the mock runs, and says what it did', async () => {
    const viewTitle = (manifest().contributes as unknown as { menus: Record<string, Array<{ command: string; when?: string }>> }).menus['view/title'];
    assert.match(viewTitle.find((entry) => entry.command === 'pushgateway.stopMock')?.when ?? '', /pushgateway\.mockRunning/);
    const url = await vscode.commands.executeCommand<string | undefined>('pushgateway.startMock');
    assert.ok(url);
    await vscode.commands.executeCommand('pushgateway.stopMock');
    assert.ok(notes.includes(`Stopped the mock Pushgateway (${url}).`), `no word of the stop: ${notes.join(' | ')}`);
    await vscode.commands.executeCommand('pushgateway.stopMock');
    assert.equal(notes[notes.length - 1], 'The mock Pushgateway is not running.');
  });
});
