import * as path from 'node:path';
import * as vscode from 'vscode';
import { PushMethod } from '../core/protocol/pushMethod';
import { GatewayConfig } from '../core/gateway/gatewayConfig';
import { GroupingKey } from '../core/protocol/groupingKey';
import { formatGroupingKeyText, parseGroupingKeyText } from '../core/protocol/groupingKeyText';
import { GatewayService } from '../gateways/gatewayService';
import { UserPrompts } from '../ui/prompts';

/** Where a document was last pushed to, offered first the next time. */
export interface RememberedPush {
  readonly gatewayUrl: string;
  readonly key: string;
  readonly method: PushMethod;
}

export interface PushTarget {
  readonly gateway: GatewayConfig;
  readonly key: GroupingKey;
}

/** The last push of each document, kept in the workspace state. */
export class RememberedPushes {
  constructor(private readonly state: vscode.Memento) {}

  get(document: vscode.TextDocument | undefined): RememberedPush | undefined {
    return document ? this.state.get<RememberedPush>(RememberedPushes.keyOf(document)) : undefined;
  }

  remember(document: vscode.TextDocument, target: PushTarget, method: PushMethod): Thenable<void> {
    return this.state.update(RememberedPushes.keyOf(document), { gatewayUrl: target.gateway.url, key: formatGroupingKeyText(target.key), method } satisfies RememberedPush);
  }

  private static keyOf(document: vscode.TextDocument): string {
    return `pushgateway.push.${document.uri.toString()}`;
  }
}

/**
 * Asks a gateway (configured or the running mock) and a grouping key, offering the remembered ones
 * (else `job=<file name>`); undefined when cancelled or there is no gateway (the user is offered to add one).
 */
export async function askTarget(
  gateways: GatewayService,
  prompts: UserPrompts,
  document: vscode.TextDocument | undefined,
  remembered: RememberedPush | undefined,
  action: string,
): Promise<PushTarget | undefined> {
  const listed = gateways.listedGateways();
  if (listed.length === 0) {
    void prompts.notify('warning', `No gateway to ${action}: add one, or start the mock gateway.`, 'Add Gateway', 'Start Mock Gateway').then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand(choice === 'Add Gateway' ? 'pushgateway.addGateway' : 'pushgateway.startMock');
      }
    });
    return undefined;
  }
  const gateway = await prompts.pickGateway(listed, remembered?.gatewayUrl);
  if (!gateway) {
    return undefined;
  }
  const fileJob = document ? path.basename(document.uri.path).replace(/\.[^.]*$/, '') : '';
  const key = await askGroupingKey(prompts, remembered?.key ?? `job=${fileJob || 'job'}`);
  return key ? { gateway, key } : undefined;
}

/** A grouping key typed as `job=x instance=y`, checked as it is typed; undefined when cancelled. */
export async function askGroupingKey(prompts: UserPrompts, initial: string): Promise<GroupingKey | undefined> {
  const text = await prompts.inputGroupingKey(initial, (candidate) => {
    const parsed = parseGroupingKeyText(candidate);
    return parsed.ok ? undefined : parsed.error;
  });
  const parsed = text === undefined ? undefined : parseGroupingKeyText(text);
  return parsed?.ok ? parsed.value : undefined;
}
