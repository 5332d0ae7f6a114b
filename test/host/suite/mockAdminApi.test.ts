import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension } from './helpers';

// The Settings editor titles a setting from its key: `adminApi` read "Mock: Admin Api".
describe("the mock's admin API setting", () => {
  after(async () => {
    await vscode.commands.executeCommand('pushgateway.stopMock');
    await vscode.workspace.getConfiguration('pushgateway.mock').update('adminAPI', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('is pushgateway.mock.adminAPI, titled "Admin API", and the mock serves the wipe when it is on', async () => {
    const settings = Object.keys((extension().packageJSON as { contributes: { configuration: { properties: Record<string, unknown> } } }).contributes.configuration.properties);
    assert.ok(settings.includes('pushgateway.mock.adminAPI'), `not declared: ${settings.join(', ')}`);
    assert.deepEqual(
      settings.filter((key) => /Api|Url|Http|Tls/.test(key)),
      [],
    );

    await vscode.workspace.getConfiguration('pushgateway.mock').update('adminAPI', true, vscode.ConfigurationTarget.Workspace);
    await extension().activate();
    const url = await vscode.commands.executeCommand<string | undefined>('pushgateway.startMock');
    assert.ok(url, 'the mock did not start');
    const wipe = await fetch(`${url}/api/v1/admin/wipe`, { method: 'PUT' });
    assert.equal(wipe.status, 202);
  });
});
