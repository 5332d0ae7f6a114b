import * as vscode from 'vscode';
import { MockGatewayService } from '../mockGatewayService';

export async function stopMock(mock: MockGatewayService): Promise<void> {
  if (!mock.gateway) {
    void vscode.window.showInformationMessage('The mock Pushgateway is not running.');
    return;
  }
  await mock.stop();
}
