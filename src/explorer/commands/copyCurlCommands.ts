import * as vscode from 'vscode';
import { curlCommandsFor } from '../../core/gateway/curlCommands';
import { ExplorerNode } from '../explorerModel';
import { userPrompts } from '../../ui/prompts';

/** Copies curl commands for the group that cannot destroy its data when pasted as they are, and says what they do. */
export async function copyCurlCommands(node?: ExplorerNode): Promise<void> {
  if (node?.kind !== 'group') {
    void userPrompts().notify('info', 'Use "Copy curl Commands" on a group in the Pushgateway view.');
    return;
  }
  const commands = curlCommandsFor(node.gateway.url, node.group);
  if (!commands.ok) {
    void userPrompts().notify('error', `Cannot write a curl command for this group: ${commands.error}`);
    return;
  }
  await vscode.env.clipboard.writeText(commands.value.text);
  void userPrompts().notify('info', commands.value.summary);
}
