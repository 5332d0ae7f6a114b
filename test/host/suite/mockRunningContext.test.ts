import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MOCK_RUNNING_CONTEXT, trackMockRunning } from '../../../src/mock/mockRunningContext';
import { api, extension } from './helpers';

/** Review of session 3: the key that offers "Stop Mock Gateway" follows the mock (the stopMock test reads only the menu's when clause). */
describe('the pushgateway.mockRunning context key', () => {
  const values: boolean[] = [];
  let tracking: vscode.Disposable;

  before(async () => {
    await extension().activate();
    await vscode.commands.executeCommand('pushgateway.stopMock');
    tracking = trackMockRunning(api().mock, (key, value) => key === MOCK_RUNNING_CONTEXT && values.push(value));
  });

  after(async () => {
    tracking.dispose();
    await vscode.commands.executeCommand('pushgateway.stopMock');
  });

  it('is false while no mock runs, true once it started and false again once it stopped', async () => {
    assert.deepEqual(values, [false]);
    assert.ok(await vscode.commands.executeCommand<string | undefined>('pushgateway.startMock'));
    assert.equal(values.at(-1), true);
    await vscode.commands.executeCommand('pushgateway.stopMock');
    assert.equal(values.at(-1), false);
  });
});
