import { GatewayService } from '../../gateways/gatewayService';
import { UserPrompts } from '../../ui/prompts';
import { ExplorerNode } from '../explorerModel';
import { cleanUpGroups } from './cleanUpGroups';

/** "Clean Up These Groups…" on a warning about a job's piled-up groups: Clean Up Groups on its gateway, its selector offered. */
export function cleanUpPileUp(gateways: GatewayService, prompts: UserPrompts, node?: ExplorerNode): Promise<void> {
  if (node?.kind !== 'pileUp') {
    void prompts.notify('info', 'Use "Clean Up These Groups…" on a warning about groups that pile up, in the Pushgateway view.');
    return Promise.resolve();
  }
  return cleanUpGroups(gateways, prompts, { kind: 'gateway', gateway: node.gateway }, node.pileUp.selector);
}
