import * as vscode from 'vscode';
import { MockGatewayService } from './mockGatewayService';

/** The context key that offers "Stop Mock Gateway" in the view's menu only while the mock runs. */
export const MOCK_RUNNING_CONTEXT = 'pushgateway.mockRunning';

export function trackMockRunning(mock: MockGatewayService): vscode.Disposable {
  const update = () => void vscode.commands.executeCommand('setContext', MOCK_RUNNING_CONTEXT, mock.gateway !== undefined);
  update();
  return mock.onDidChange(update);
}
