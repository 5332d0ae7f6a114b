import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MILESTONE_CONTEXT_PREFIX, STEP_OF_MILESTONE, WALKTHROUGH_MILESTONES, WalkthroughMilestone, WalkthroughProgress } from '../../../src/walkthrough/walkthroughProgress';
import { api, extension, manifest, waitFor } from './helpers';

function steps() {
  const walkthroughs = manifest().contributes.walkthroughs;
  assert.equal(walkthroughs.length, 1);
  return walkthroughs[0].steps;
}

describe('walkthrough', () => {
  // A fresh listener on the extension's own services: the milestones earlier suites reached do not count here.
  let progress: WalkthroughProgress;
  /** The context keys set, in order: what the steps' completionEvents wait for. */
  const contextKeys: string[] = [];
  /** The steps marked complete through VS Code's command. */
  const markedSteps = new Set<string>();
  const reached = (milestone: WalkthroughMilestone) => waitFor(() => contextKeys.includes(`${MILESTONE_CONTEXT_PREFIX}${milestone}`), `the "${milestone}" context key`);

  before(async () => {
    await extension().activate();
    await vscode.commands.executeCommand('pushgateway.stopMock');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    // The view's visibility reaches the extension host a moment later.
    await waitFor(() => !api().gatewayView.visible, 'the Gateways view hidden');
    progress = new WalkthroughProgress(api().mock, api().gateways, api().gatewayView, extension().id, {
      setContext: async (key, value) => {
        assert.equal(value, true);
        contextKeys.push(key);
      },
      markStepComplete: async (stepId) => {
        markedSteps.add(stepId);
      },
    });
  });

  after(async () => {
    progress.dispose();
    api().setPrompts(undefined);
    await vscode.commands.executeCommand('pushgateway.stopMock');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('completes each step on a context key the extension sets, one step per milestone', () => {
    assert.deepEqual(
      steps().map((step) => [step.id, step.completionEvents]),
      WALKTHROUGH_MILESTONES.map((milestone) => [STEP_OF_MILESTONE[milestone], [`onContext:pushgateway.walkthrough.${milestone}`]]),
    );
  });

  it("sets every step's context key as a user doing the steps would (fix the sample, dry-run it, delete the group), and none before", async () => {
    assert.equal(contextKeys.length, 0, `context keys set before any step was done: ${contextKeys.join(', ')}`);

    await vscode.commands.executeCommand('pushgateway.openWalkthroughSample');
    const sample = vscode.window.activeTextEditor?.document;
    assert.ok(sample);
    assert.match(sample.getText(), /# TYPE clean_logs_deleted_files_total countr/);
    await reached('openedMetricsFile');
    await reached('sawDiagnostics');
    assert.equal(
      contextKeys.some((key) => key.endsWith('startedMock')),
      false,
    );

    await vscode.commands.executeCommand('pushgateway.startMock');
    await reached('startedMock');

    // The sample's two deliberate mistakes, fixed with their quick fixes.
    for (const [code, title] of [
      ['unknown-type', 'Change to counter'],
      ['timestamp', 'Remove the timestamp'],
    ]) {
      const diagnostic = vscode.languages.getDiagnostics(sample.uri).find((d) => d.code === code);
      assert.ok(diagnostic, `no ${code} finding in the sample`);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', sample.uri, diagnostic.range);
      const fix = actions.find((action) => action.title === title);
      assert.ok(fix?.edit, `no "${title}" among ${actions.map((action) => action.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
    }
    await waitFor(() => vscode.languages.getDiagnostics(sample.uri).every((d) => d.severity !== vscode.DiagnosticSeverity.Error), 'the sample without errors');

    const asked: string[] = [];
    api().setPrompts({
      inputVariable: async (text, initial) => (asked.push(text), initial ?? '7'),
      pickGateway: async (gateways) => gateways.find((gateway) => gateway.embedded),
      inputGroupingKey: async () => 'job=clean_logs',
      confirm: async () => true,
    });
    assert.equal(
      contextKeys.some((key) => key.endsWith('pushed')),
      false,
    );
    assert.equal(await vscode.commands.executeCommand('pushgateway.dryRunHeredoc'), true, 'the dry run of the fixed sample failed');
    // Values are asked once per workspace: an earlier suite's dry run may have given $PUSHGATEWAY already.
    assert.deepEqual(
      asked.filter((text) => text !== '$PUSHGATEWAY'),
      ['$deleted', '$dir_size', '$(date +%s)'],
    );
    await reached('pushed');
    // The dry run shows the group in the explorer.
    await reached('sawExplorer');

    assert.equal(
      contextKeys.some((key) => key.endsWith('deleted')),
      false,
    );
    assert.equal(await vscode.commands.executeCommand('pushgateway.deleteGroupByKey'), true);
    await reached('deleted');
    assert.deepEqual([...contextKeys].sort(), WALKTHROUGH_MILESTONES.map((milestone) => `${MILESTONE_CONTEXT_PREFIX}${milestone}`).sort());
    // Each milestone also marks its own step, by the id VS Code gives it: <extension id>#<walkthrough id>#<step id>.
    const walkthroughId = (extension().packageJSON as { contributes: { walkthroughs: Array<{ id: string }> } }).contributes.walkthroughs[0].id;
    assert.deepEqual(
      [...markedSteps].sort(),
      steps()
        .map((step) => `${extension().id}#${walkthroughId}#${step.id}`)
        .sort(),
    );
  });
});
