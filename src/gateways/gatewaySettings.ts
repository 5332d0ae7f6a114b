import * as vscode from 'vscode';
import { GatewayConfig, GatewayList, parseGatewayList } from '../core/gateway/gatewayConfig';
import { withGatewayEntry } from '../core/gateway/gatewayEntries';

export const GATEWAYS_SETTING = 'gateways';
const SECTION = 'pushgateway';

/**
 * The configured gateways; those that come from the workspace's settings (not the user's) are
 * marked, because an untrusted workspace must not get credentials sent to a URL of its choosing.
 */
export function readGatewayList(): GatewayList {
  const configuration = vscode.workspace.getConfiguration(SECTION);
  const list = parseGatewayList(configuration.get<unknown>(GATEWAYS_SETTING));
  const inspected = configuration.inspect<unknown>(GATEWAYS_SETTING);
  const workspaceUrls = new Set(
    [inspected?.workspaceValue, inspected?.workspaceFolderValue].flatMap((value) => (value === undefined ? [] : parseGatewayList(value).gateways.map((gateway) => gateway.url))),
  );
  return { ...list, gateways: list.gateways.map((gateway) => (workspaceUrls.has(gateway.url) ? { ...gateway, fromWorkspace: true } : gateway)) };
}

/** Appends a gateway to the user settings, keeping every entry already there, even invalid ones. */
export async function addGatewayToUserSettings(gateway: GatewayConfig): Promise<void> {
  const configuration = vscode.workspace.getConfiguration(SECTION);
  const current = configuration.inspect<unknown>(GATEWAYS_SETTING)?.globalValue;
  const entries = Array.isArray(current) ? current : [];
  await configuration.update(GATEWAYS_SETTING, [...entries, { name: gateway.name, url: gateway.url }], vscode.ConfigurationTarget.Global);
}

/**
 * Removes (no `edited`) or edits the configured gateway listed under `name`, in the settings that
 * define it: the workspace's when it sets pushgateway.gateways (that list is the one in effect, once
 * trusted), else the user's. False when that list has no such entry.
 */
export async function updateGatewayInSettings(name: string, edited?: { readonly name: string; readonly url: string }): Promise<boolean> {
  const configuration = vscode.workspace.getConfiguration(SECTION);
  const inspected = configuration.inspect<unknown>(GATEWAYS_SETTING);
  // An untrusted workspace's value of this restricted setting is not in effect: the user's is.
  const inWorkspace = vscode.workspace.isTrusted && inspected?.workspaceValue !== undefined;
  const entries = withGatewayEntry(inWorkspace ? inspected?.workspaceValue : inspected?.globalValue, name, edited);
  if (!entries) {
    return false;
  }
  await configuration.update(GATEWAYS_SETTING, entries, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  return true;
}
