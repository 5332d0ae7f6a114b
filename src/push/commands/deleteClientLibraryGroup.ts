import * as vscode from 'vscode';
import { ClientPushSite, siteGatewayUrl, siteGroupingKey, siteGroupingLabels } from '../../core/clients/clientSite';
import { GatewayConfig } from '../../core/gateway/gatewayConfig';
import { GroupingKey, groupingKeyOf } from '../../core/protocol/groupingKey';
import { formatGroupingKeyText } from '../../core/protocol/groupingKeyText';
import { confirmAndDeleteGroups } from '../../gateways/deleteGroupsFlow';
import { GatewayService } from '../../gateways/gatewayService';
import { userPrompts } from '../../ui/prompts';
import { clientSiteAt } from '../clientLibraryCodeLens';
import { askGroupingKey } from '../pushTarget';

/**
 * Deletes the group a prometheus_client or client_golang call pushes to (or deletes), through the one
 * delete flow: the gateway and key the code spells out, and what it does not spell out asked for.
 */
export async function deleteClientLibraryGroup(gateways: GatewayService, uri?: unknown, line?: unknown): Promise<boolean> {
  if (!gateways.deletingAllowed()) {
    return false;
  }
  const found = await clientSiteAt(uri, line);
  if (!found?.site) {
    void userPrompts().notify('info', 'Put the cursor on a push_to_gateway, pushadd_to_gateway or delete_from_gateway call (Python), or a push.New(...)...Push() (Go).');
    return false;
  }
  const gateway = await gatewayOf(gateways, found.site);
  const key = gateway && (siteGroupingKey(found.site) ?? (await askKey(found.site)));
  if (!gateway || !key) {
    return false;
  }
  return confirmAndDeleteGroups(gateways, userPrompts(), [{ gateway, key }], { progressLocation: vscode.ProgressLocation.Notification, reportSuccess: true });
}

async function gatewayOf(gateways: GatewayService, site: ClientPushSite): Promise<GatewayConfig | undefined> {
  const url = siteGatewayUrl(site);
  if (url !== undefined) {
    const named = gateways.gatewayFor(url);
    if (named.ok) {
      return named.value;
    }
    void userPrompts().notify('error', `Cannot delete there: ${named.error}`);
    return undefined;
  }
  const listed = gateways.listedGateways();
  if (listed.length === 0) {
    void userPrompts().notify('warning', `The gateway (${site.gateway?.text ?? 'not given'}) is known only when the code runs, and no gateway is listed: add one, or start the mock gateway.`);
    return undefined;
  }
  return userPrompts().pickGateway(listed, undefined, 'Delete from which gateway?');
}

/** The key with what the code computes at run time written as it stands, for the user to replace. */
async function askKey(site: ClientPushSite): Promise<GroupingKey | undefined> {
  const written = siteGroupingLabels(site);
  return askGroupingKey(userPrompts(), written ? formatGroupingKeyText(groupingKeyOf(written)) : 'job=');
}
