import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, extension, manifest } from './helpers';

describe('Clear Filter in the Gateways view', () => {
  before(async () => {
    await extension().activate();
    api().setPrompts({ inputGroupFilter: async () => 'some_job' });
  });

  after(() => api().setPrompts(undefined));

  it('is a title button shown while a filter is set, and shows every group again', async () => {
    const viewTitle = (manifest().contributes as unknown as { menus: Record<string, Array<{ command: string; when?: string }>> }).menus['view/title'];
    assert.equal(viewTitle.find((entry) => entry.command === 'pushgateway.clearGroupFilter')?.when, 'view == pushgateway.gateways && pushgateway.groupsFiltered');
    await vscode.commands.executeCommand('pushgateway.filterGroups');
    assert.equal(api().gatewayTree.filter, 'some_job');
    assert.match(api().gatewayView.message ?? '', /some_job/);
    await vscode.commands.executeCommand('pushgateway.clearGroupFilter');
    assert.equal(api().gatewayTree.filter, '');
    assert.equal(api().gatewayView.message, undefined);
  });
});
