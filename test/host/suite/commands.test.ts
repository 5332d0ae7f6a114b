import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, manifest } from './helpers';

describe('commands', () => {
  it('registers a handler for every command declared in package.json', async () => {
    await extension().activate();
    const declared = manifest().contributes.commands.map((entry) => entry.command);
    assert.ok(declared.length > 0, 'package.json declares no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      declared.filter((command) => !registered.has(command)),
      [],
      'declared in package.json but not registered by the extension',
    );
  });

  it('refreshes the explorer without error', async () => {
    await vscode.commands.executeCommand('pushgateway.refreshExplorer');
  });
});
