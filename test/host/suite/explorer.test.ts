import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { manifest } from './helpers';

describe('explorer view', () => {
  it('contributes a Pushgateway activity-bar container holding the Gateways view', () => {
    const container = manifest().contributes.viewsContainers.activitybar.find((entry) => entry.id === 'pushgateway');
    assert.ok(container, 'no "pushgateway" activity-bar container');
    assert.deepEqual(
      manifest().contributes.views.pushgateway.map((view) => view.id),
      ['pushgateway.gateways'],
    );
  });

  it('opens the container and focuses the Gateways view in the workbench', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    assert.ok(commands.has('workbench.view.extension.pushgateway'), 'the workbench does not know the container');
    assert.ok(commands.has('pushgateway.gateways.focus'), 'the workbench does not know the view');
    await vscode.commands.executeCommand('workbench.view.extension.pushgateway');
    await vscode.commands.executeCommand('pushgateway.gateways.focus');
  });
});
