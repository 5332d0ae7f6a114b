import * as vscode from 'vscode';
import { GatewayConfig, GatewayList, parseGatewayList } from '../core/gatewayConfig';

export const GATEWAYS_SETTING = 'gateways';
const SECTION = 'pushgateway';

export function readGatewayList(): GatewayList {
  return parseGatewayList(vscode.workspace.getConfiguration(SECTION).get<unknown>(GATEWAYS_SETTING));
}

/** Appends a gateway to the user settings, keeping every entry already there, even invalid ones. */
export async function addGatewayToUserSettings(gateway: GatewayConfig): Promise<void> {
  const configuration = vscode.workspace.getConfiguration(SECTION);
  const current = configuration.inspect<unknown>(GATEWAYS_SETTING)?.globalValue;
  const entries = Array.isArray(current) ? current : [];
  await configuration.update(GATEWAYS_SETTING, [...entries, { name: gateway.name, url: gateway.url }], vscode.ConfigurationTarget.Global);
}
