import { MockGatewayService } from '../mockGatewayService';

export function showMockLog(mock: MockGatewayService): void {
  mock.showLog();
}
