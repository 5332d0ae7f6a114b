import { GatewayConfig } from '../../core/gateway/gatewayConfig';
import { GatewayService } from '../../gateways/gatewayService';
import { UserPrompts } from '../../ui/prompts';
import { ExplorerNode } from '../explorerModel';

async function pickGateway(service: GatewayService, prompts: UserPrompts, node?: ExplorerNode): Promise<GatewayConfig | undefined> {
  if (node && 'gateway' in node) {
    return node.gateway;
  }
  const gateways = service.configuredGateways();
  if (gateways.length === 0) {
    void prompts.notify('info', 'No gateway is configured yet: add one first.');
    return undefined;
  }
  return prompts.pickGateway(gateways, undefined, 'Set Credentials: which gateway?');
}

/** Stores basic or bearer credentials for a gateway in SecretStorage (never in settings), or clears them. */
export async function setCredentials(gateways: GatewayService, prompts: UserPrompts, node?: ExplorerNode): Promise<void> {
  const gateway = await pickGateway(gateways, prompts, node);
  if (!gateway) {
    return;
  }
  const kind = await prompts.pickCredentialKind(gateway.name);
  if (kind === 'clear') {
    await gateways.setCredentials(gateway, undefined);
  } else if (kind === 'bearer') {
    const token = await prompts.inputCredential(`Bearer token for ${gateway.name}`, true);
    if (!token) {
      return;
    }
    await gateways.setCredentials(gateway, { kind: 'bearer', token: token.trim() });
  } else if (kind === 'basic') {
    const user = await prompts.inputCredential(`User for ${gateway.name}`, false);
    const password = user === undefined ? undefined : await prompts.inputCredential(`Password for ${user} on ${gateway.name}`, true);
    if (user === undefined || password === undefined) {
      return;
    }
    await gateways.setCredentials(gateway, { kind: 'basic', user, password });
  }
}
