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

  it('registers no command of its own that package.json does not declare (none only for tests)', async () => {
    await extension().activate();
    const declared = new Set(manifest().contributes.commands.map((entry) => entry.command));
    const own = (await vscode.commands.getCommands(true)).filter((command) => command.startsWith('pushgateway.') && !command.startsWith('pushgateway.gateways.'));
    assert.deepEqual(
      own.filter((command) => !declared.has(command)),
      [],
      'registered by the extension but not declared in package.json',
    );
  });

  it('refreshes the explorer without error', async () => {
    await vscode.commands.executeCommand('pushgateway.refreshExplorer');
  });
});
