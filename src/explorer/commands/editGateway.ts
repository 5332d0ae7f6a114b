import { checkGatewayUrl, EMBEDDED_MOCK_NAME, normalizeGatewayUrl } from '../../core/gateway/gatewayConfig';
import { GatewayService } from '../../gateways/gatewayService';
import { UserPrompts } from '../../ui/prompts';
import { ExplorerNode } from '../explorerModel';

/** Asks the clicked gateway's URL and name again (its own as the answers) and saves them where the settings define it. Escape cancels at any step. */
export async function editGateway(gateways: GatewayService, prompts: UserPrompts, node?: ExplorerNode): Promise<void> {
  if (node?.kind !== 'gateway' || node.gateway.embedded) {
    void prompts.notify('info', 'Use "Edit Gateway" on a configured gateway in the Pushgateway view.');
    return;
  }
  const current = node.gateway;
  const urlText = await prompts.inputGatewayUrl((text) => checkGatewayUrl(text), current.url, `Edit Gateway ${current.name} (1/2)`);
  if (urlText === undefined) {
    return;
  }
  const takenNames = new Set([EMBEDDED_MOCK_NAME, ...gateways.configuredGateways().map((gateway) => gateway.name)]);
  takenNames.delete(current.name);
  const name = await prompts.inputGatewayName(
    current.name,
    (text) => (text.trim() === '' ? 'A name is required' : takenNames.has(text.trim()) ? `"${text.trim()}" is already a gateway's name` : undefined),
    `Edit Gateway ${current.name} (2/2)`,
  );
  if (name === undefined) {
    return;
  }
  try {
    if (!(await gateways.updateInSettings(current.name, { name: name.trim(), url: normalizeGatewayUrl(urlText) }))) {
      void prompts.notify('error', `Could not edit ${current.name}: no entry of pushgateway.gateways is listed under that name.`);
    }
  } catch (error) {
    void prompts.notify('error', `Could not save the gateway to your settings: ${error instanceof Error ? error.message : String(error)}`);
  }
}
