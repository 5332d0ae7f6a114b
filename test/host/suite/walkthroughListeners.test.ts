import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GatewayService, GroupChange } from '../../../src/gateways/gatewayService';
import type { MockGatewayService } from '../../../src/mock/mockGatewayService';
import { WalkthroughProgress } from '../../../src/walkthrough/walkthroughProgress';
import { extension, waitFor } from './helpers';

/** An event whose live listeners are counted. */
function countedEvent<T>(): { event: vscode.Event<T>; fire(value: T): void; live(): number } {
  const emitter = new vscode.EventEmitter<T>();
  let live = 0;
  return {
    event: (listener) => {
      live++;
      const subscription = emitter.event(listener);
      return { dispose: () => (live--, subscription.dispose()) };
    },
    fire: (value) => emitter.fire(value),
    live: () => live,
  };
}

/** Review of session 3: the walkthrough's listeners go once their milestones are reached. */
describe('walkthrough listeners', () => {
  const mockChanged = countedEvent<void>();
  const groupsChanged = countedEvent<GroupChange>();
  const viewShown = countedEvent<vscode.TreeViewVisibilityChangeEvent>();
  let progress: WalkthroughProgress;

  before(async () => {
    await extension().activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const mock = { onDidChange: mockChanged.event, gateway: { name: 'Mock Gateway', url: 'http://127.0.0.1:1', embedded: true } } as unknown as MockGatewayService;
    const gateways = { onDidChangeGroups: groupsChanged.event } as unknown as GatewayService;
    const view = { onDidChangeVisibility: viewShown.event, visible: false } as unknown as vscode.TreeView<unknown>;
    progress = new WalkthroughProgress(mock, gateways, view, extension().id, { setContext: async () => undefined, markStepComplete: async () => undefined });
  });

  after(async () => {
    progress.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('disposes each listener once the milestones it waits for are reached, and all of them in the end', async () => {
    assert.equal(progress.listening, 5);
    assert.deepEqual([mockChanged.live(), groupsChanged.live(), viewShown.live()], [1, 1, 1]);

    mockChanged.fire();
    assert.equal(mockChanged.live(), 0, 'the mock listener stayed after "startedMock"');
    groupsChanged.fire({ kind: 'pushed' });
    assert.equal(groupsChanged.live(), 1, 'the groups listener went before "deleted"');
    groupsChanged.fire({ kind: 'deleted' });
    assert.equal(groupsChanged.live(), 0, 'the groups listener stayed after "pushed" and "deleted"');
    viewShown.fire({ visible: true } as vscode.TreeViewVisibilityChangeEvent);
    assert.equal(viewShown.live(), 0, 'the view listener stayed after "sawExplorer"');
    assert.equal(progress.listening, 2);

    const document = await vscode.workspace.openTextDocument({ language: 'prometheus-exposition', content: '# TYPE walkthrough_listeners_total countr\n' });
    await vscode.window.showTextDocument(document);
    await waitFor(() => progress.listening === 0, 'the editor and diagnostics listeners to go after "openedMetricsFile" and "sawDiagnostics"');
  });
});
