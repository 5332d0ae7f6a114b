import * as vscode from 'vscode';
import { formatGroupingLabels } from '../core/protocol/labelText';
import { GatewayConfig } from '../core/gateway/gatewayConfig';
import { GroupingKey } from '../core/protocol/groupingKey';
import { UserPrompts } from '../ui/prompts';
import { GatewayService } from './gatewayService';

/** A group to delete: the gateway that holds it and its grouping key. */
export interface DeleteTarget {
  readonly gateway: GatewayConfig;
  readonly key: GroupingKey;
}

export interface DeleteFlowOptions {
  /** Where the progress shows: the view the delete was started from, or a notification. */
  readonly progressLocation: vscode.ProgressLocation | { viewId: string };
  /** Say so when the groups are gone (the explorer shows it by itself). */
  readonly reportSuccess: boolean;
}

function describeTarget(target: DeleteTarget): string {
  return `${formatGroupingLabels({ job: target.key.job, ...target.key.labels })} on ${target.gateway.name}`;
}

function groupedByGateway(targets: readonly DeleteTarget[]): DeleteTarget[][] {
  const byGateway = new Map<string, DeleteTarget[]>();
  for (const target of targets) {
    byGateway.set(target.gateway.name, [...(byGateway.get(target.gateway.name) ?? []), target]);
  }
  return [...byGateway.values()];
}

/**
 * The one way groups are deleted, from the explorer or from an editor: a modal confirmation that names
 * them, one DELETE each (waited for until the gateway applied it), and the failures shown. Callers check
 * GatewayService.deletingAllowed() before they ask anything. True when every group was deleted.
 */
export async function confirmAndDeleteGroups(gateways: GatewayService, prompts: UserPrompts, targets: readonly DeleteTarget[], options: DeleteFlowOptions): Promise<boolean> {
  const names = targets.map(describeTarget);
  const one = targets.length === 1;
  const message = one ? `Delete the group ${names[0]}?` : `Delete ${targets.length} groups?`;
  const detail = `${names.join('\n')}\n\nAll ${one ? 'its' : 'their'} metrics are removed from the gateway. This cannot be undone.`;
  if (!(await prompts.confirm(message, detail, 'Delete'))) {
    return false;
  }
  const failures: string[] = [];
  await vscode.window.withProgress({ location: options.progressLocation, title: one ? `Deleting ${names[0]}` : 'Deleting groups' }, async () => {
    for (const sameGateway of groupedByGateway(targets)) {
      const { results } = await gateways.deleteGroups(
        sameGateway[0].gateway,
        sameGateway.map((target) => target.key),
      );
      results.forEach((result, index) => {
        if (!result.ok) {
          failures.push(one ? result.error.message : `${describeTarget(sameGateway[index])}: ${result.error.message}`);
        }
      });
    }
  });
  if (failures.length > 0) {
    void prompts.notify('error', one ? `Could not delete ${names[0]}: ${failures[0]}` : `Could not delete ${failures.length} group(s): ${failures.join('; ')}`);
    return false;
  }
  if (options.reportSuccess) {
    void prompts.notify('info', one ? `Deleted ${names[0]}.` : `Deleted ${targets.length} groups.`);
  }
  return true;
}
