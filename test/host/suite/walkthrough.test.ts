import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MILESTONE_CONTEXT_PREFIX, WALKTHROUGH_MILESTONES, WalkthroughMilestone, WalkthroughProgress } from '../../../src/walkthrough/walkthroughProgress';
import { api, extension, manifest, waitFor } from './helpers';

function steps() {
  const walkthroughs = manifest().contributes.walkthroughs;
  assert.equal(walkthroughs.length, 1);
  return walkthroughs[0].steps;
}

describe('walkthrough', () => {
  // A fresh listener on the extension's own services: the milestones earlier suites reached do not count here.
  let progress: WalkthroughProgress;
  const reached = (milestone: WalkthroughMilestone) => waitFor(() => progress.reached.has(milestone), `the "${milestone}" milestone`);

  before(async () => {
    await extension().activate();
    await vscode.commands.executeCommand('pushgateway.stopMock');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    progress = new WalkthroughProgress(api().mock, api().gatewayTree, api().gatewayView);
  });

  after(async () => {
    progress.dispose();
    api().setPrompts(undefined);
    await vscode.commands.executeCommand('pushgateway.stopMock');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('completes each step on a context key the extension sets, one step per milestone', () => {
    assert.deepEqual(
      steps().map((step) => step.completionEvents),
      WALKTHROUGH_MILESTONES.map((milestone) => [`onContext:${MILESTONE_CONTEXT_PREFIX}${milestone}`]),
    );
  });

  it('reaches every milestone as a user doing the steps would, and none before', async () => {
    assert.deepEqual([...progress.reached], [], 'milestones reached before any step was done');

    await vscode.commands.executeCommand('pushgateway.openWalkthroughSample');
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /# TYPE clean_logs_deleted_files_total countr/);
    await reached('openedMetricsFile');
    await reached('sawDiagnostics');
    assert.equal(progress.reached.has('startedMock'), false);

    await vscode.commands.executeCommand('pushgateway.startMock');
    await reached('startedMock');

    api().setPrompts({
      pickGateway: async (gateways) => gateways.find((gateway) => gateway.embedded),
      inputGroupingKey: async () => 'job=walkthrough',
      pickMethod: async () => 'PUT',
      confirm: async () => true,
    });
    const document = await vscode.workspace.openTextDocument({ language: 'prometheus-exposition', content: '# TYPE walkthrough_metric gauge\nwalkthrough_metric 1\n' });
    await vscode.window.showTextDocument(document);
    assert.equal(progress.reached.has('pushed'), false);
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushBuffer'), true);
    await reached('pushed');

    assert.equal(progress.reached.has('sawExplorer'), false);
    await vscode.commands.executeCommand('pushgateway.gateways.focus');
    await reached('sawExplorer');

    assert.equal(progress.reached.has('deleted'), false);
    assert.equal(await vscode.commands.executeCommand('pushgateway.deleteGroupByKey'), true);
    await reached('deleted');
  });
});
