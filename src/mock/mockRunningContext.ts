import * as vscode from 'vscode';
import { MockGatewayService } from './mockGatewayService';

/** The context key that offers "Stop Mock Gateway" in the view's menu only while the mock runs. */
export const MOCK_RUNNING_CONTEXT = 'pushgateway.mockRunning';

/** How the key is set: VS Code's setContext (a test passes its own, since context keys cannot be read back). */
export type SetContext = (key: string, value: boolean) => unknown;

const workbenchSetContext: SetContext = (key, value) => vscode.commands.executeCommand('setContext', key, value);

export function trackMockRunning(mock: MockGatewayService, setContext: SetContext = workbenchSetContext): vscode.Disposable {
  const update = () => void setContext(MOCK_RUNNING_CONTEXT, mock.gateway !== undefined);
  update();
  return mock.onDidChange(update);
}
