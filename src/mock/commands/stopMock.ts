import { MockGatewayService } from '../mockGatewayService';
import { userPrompts } from '../../ui/prompts';

export async function stopMock(mock: MockGatewayService): Promise<void> {
  if (!mock.gateway) {
    void userPrompts().notify('info', 'The mock Pushgateway is not running.');
    return;
  }
  const url = mock.gateway.url;
  await mock.stop();
  void userPrompts().notify('info', `Stopped the mock Pushgateway (${url}).`);
}
