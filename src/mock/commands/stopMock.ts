import { MockGatewayService } from '../mockGatewayService';
import { userPrompts } from '../../ui/prompts';

export async function stopMock(mock: MockGatewayService): Promise<void> {
  if (!mock.gateway) {
    void userPrompts().notify('info', 'The mock Pushgateway is not running.');
    return;
  }
  await mock.stop();
}
