import * as vscode from 'vscode';
import { curlCommandsFor } from '../../core/gateway/curlCommands';
import { groupingKeyOf } from '../../core/protocol/groupingKey';
import { ExplorerNode } from '../explorerModel';
import { userPrompts } from '../../ui/prompts';

/** Copies the curl commands that push to and delete the group. */
export async function copyCurlCommands(node?: ExplorerNode): Promise<void> {
  if (node?.kind !== 'group') {
    void userPrompts().notify('info', 'Use "Copy curl Commands" on a group in the Pushgateway view.');
    return;
  }
  const commands = curlCommandsFor(node.gateway.url, groupingKeyOf(node.group.labels));
  if (!commands.ok) {
    void userPrompts().notify('error', `Cannot write a curl command for this group: ${commands.error}`);
    return;
  }
  await vscode.env.clipboard.writeText(commands.value);
  void userPrompts().notify('info', 'The push and delete curl commands for this group are on the clipboard.');
}
