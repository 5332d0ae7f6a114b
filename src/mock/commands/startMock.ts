import { MockGatewayService } from '../mockGatewayService';
import { userPrompts } from '../../ui/prompts';

/** Starts the embedded mock and returns its URL (also for tests and other commands). */
export async function startMock(mock: MockGatewayService): Promise<string | undefined> {
  if (mock.gateway) {
    void userPrompts().notify('info', `The mock Pushgateway is already running at ${mock.gateway.url}.`);
    return mock.gateway.url;
  }
  const started = await mock.start();
  if (started) {
    void userPrompts().notify('info', `Mock Pushgateway running at ${started.url}. It appears as "Mock Gateway" in the Pushgateway view.`);
  }
  return started?.url;
}
