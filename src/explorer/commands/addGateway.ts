import { checkGatewayUrl, normalizeGatewayUrl } from '../../core/gateway/gatewayConfig';
import { GatewayService } from '../../gateways/gatewayService';
import { UserPrompts } from '../../ui/prompts';

/** Asks for a URL and a name, then adds the gateway to the user settings. Escape cancels at any step. */
export async function addGateway(gateways: GatewayService, prompts: UserPrompts): Promise<void> {
  const urlText = await prompts.inputGatewayUrl((text) => checkGatewayUrl(text));
  if (urlText === undefined) {
    return;
  }
  const url = normalizeGatewayUrl(urlText);
  const takenNames = new Set(gateways.configuredGateways().map((gateway) => gateway.name));
  const name = await prompts.inputGatewayName(new URL(url).hostname, (text) => {
    if (text.trim() === '') {
      return 'A name is required';
    }
    return takenNames.has(text.trim()) ? `"${text.trim()}" is already a configured gateway` : undefined;
  });
  if (name === undefined) {
    return;
  }
  try {
    await gateways.addToUserSettings({ name: name.trim(), url });
  } catch (error) {
    void prompts.notify('error', `Could not save the gateway to your settings: ${error instanceof Error ? error.message : String(error)}`);
  }
}
