import { GatewayCase } from '../gateway/corpus';
import { Vocabulary } from './vocabulary';

export function todayGatewayCases(_v: Vocabulary): Record<string, GatewayCase> {
  return {};
}
