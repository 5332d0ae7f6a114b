import { GatewayService } from '../../gateways/gatewayService';
import { UserPrompts } from '../../ui/prompts';
import { ExplorerNode } from '../explorerModel';

/** Removes the clicked gateway from the settings that define it, after a modal confirmation; its groups stay on the gateway. */
export async function removeGateway(gateways: GatewayService, prompts: UserPrompts, node?: ExplorerNode): Promise<void> {
  if (node?.kind !== 'gateway' || node.gateway.embedded) {
    void prompts.notify('info', 'Use "Remove Gateway" on a configured gateway in the Pushgateway view.');
    return;
  }
  const { name, url, fromWorkspace } = node.gateway;
  const settings = fromWorkspace ? "the workspace's settings" : 'your user settings';
  const question = `Remove the gateway ${name} from ${settings}?`;
  if (!(await prompts.confirm(question, `${url} is no longer listed in the Pushgateway view. Its groups stay on the gateway, and Add Gateway lists it again.`, 'Remove Gateway'))) {
    return;
  }
  if (!(await gateways.updateInSettings(name))) {
    void prompts.notify('error', `Could not remove ${name}: no entry of pushgateway.gateways in ${settings} is listed under that name.`);
  }
}
