import * as vscode from 'vscode';
import { addGateway } from './explorer/commands/addGateway';
import { cleanUpGroups } from './explorer/commands/cleanUpGroups';
import { cleanUpPileUp } from './explorer/commands/cleanUpPileUp';
import { copyCurlCommands } from './explorer/commands/copyCurlCommands';
import { createAlertRules } from './explorer/commands/createAlertRules';
import { deleteAllGroups, deleteGroups } from './explorer/commands/deleteGroups';
import { editGateway } from './explorer/commands/editGateway';
import { clearGroupFilter, filterGroups } from './explorer/commands/filterGroups';
import { GroupDocuments } from './explorer/commands/openGroupAsDocument';
import { refreshExplorer } from './explorer/commands/refreshExplorer';
import { removeGateway } from './explorer/commands/removeGateway';
import { setCredentials } from './explorer/commands/setCredentials';
import { sortGroups } from './explorer/commands/sortGroups';
import { ExplorerNode } from './explorer/explorerModel';
import { GatewayTreeProvider } from './explorer/gatewayTreeProvider';
import { GatewayService } from './gateways/gatewayService';
import { showMockLog } from './mock/commands/showMockLog';
import { startMock } from './mock/commands/startMock';
import { stopMock } from './mock/commands/stopMock';
import { MockGatewayService } from './mock/mockGatewayService';
import { deleteGroupByKey } from './push/commands/deleteGroupByKey';
import { changeScriptValues } from './push/commands/changeScriptValues';
import { deleteGroupFromScript } from './push/commands/deleteGroupFromScript';
import { deleteClientLibraryGroup } from './push/commands/deleteClientLibraryGroup';
import { dryRunClientLibraryPush } from './push/commands/dryRunClientLibraryPush';
import { dryRunHeredoc } from './push/commands/dryRunHeredoc';
import { pushBuffer } from './push/commands/pushBuffer';
import { pushHeredoc } from './push/commands/pushHeredoc';
import { pushSelection } from './push/commands/pushSelection';
import { PushService } from './push/pushService';
import { userPrompts } from './ui/prompts';
import { openWalkthroughSample } from './walkthrough/commands/openWalkthroughSample';

export interface CommandServices {
  readonly gateways: GatewayService;
  readonly gatewayTree: GatewayTreeProvider;
  readonly gatewayView: vscode.TreeView<ExplorerNode>;
  readonly groupDocuments: GroupDocuments;
  readonly mock: MockGatewayService;
  readonly pushService: PushService;
}

type CommandHandler = (...args: unknown[]) => unknown;

/** The title package.json gives a command, for messages; its id when it has none. */
function commandTitle(context: vscode.ExtensionContext, id: string): string {
  const declared = (context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string; title: string; category?: string }> } }).contributes?.commands?.find(
    (entry) => entry.command === id,
  );
  return declared ? [declared.category, declared.title].filter(Boolean).join(': ') : id;
}

/**
 * Registers a command so that a failure it did not expect reaches the user the same way for every
 * command (an error message naming the command) instead of VS Code's generic one, or nothing for a
 * command run from a CodeLens. The handler's result is passed on (tests and other commands read it).
 */
function registerCommand(context: vscode.ExtensionContext, id: string, handler: CommandHandler): void {
  const title = commandTitle(context, id);
  const guarded = async (...args: unknown[]): Promise<unknown> => {
    try {
      return await handler(...args);
    } catch (error) {
      console.error(`${id} failed`, error);
      void userPrompts().notify('error', `${title} failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };
  context.subscriptions.push(vscode.commands.registerCommand(id, guarded));
}

/** The one place that binds command ids (declared in package.json) to their handlers. */
export function registerCommands(context: vscode.ExtensionContext, services: CommandServices): void {
  const node = (value: unknown) => value as ExplorerNode | undefined;
  /** The embedded mock, started when needed. */
  const runningMock = async () => services.mock.gateway ?? ((await services.mock.start()) ? services.mock.gateway : undefined);
  const commands: Record<string, CommandHandler> = {
    'pushgateway.addGateway': () => addGateway(services.gateways, userPrompts()),
    'pushgateway.editGateway': (clicked) => editGateway(services.gateways, userPrompts(), node(clicked)),
    'pushgateway.removeGateway': (clicked) => removeGateway(services.gateways, userPrompts(), node(clicked)),
    'pushgateway.refreshExplorer': () => refreshExplorer(services.gatewayTree),
    // From the Delete key (no arguments): the view's selection.
    'pushgateway.deleteGroup': (clicked, selected) =>
      deleteGroups(services.gateways, userPrompts(), node(clicked), (selected as ExplorerNode[] | undefined) ?? (clicked ? undefined : services.gatewayView.selection)),
    'pushgateway.deleteAllGroups': (clicked) => deleteAllGroups(services.gateways, services.gatewayTree, userPrompts(), node(clicked)),
    'pushgateway.cleanUpGroups': (clicked) => cleanUpGroups(services.gateways, userPrompts(), node(clicked)),
    'pushgateway.cleanUpPileUp': (clicked) => cleanUpPileUp(services.gateways, userPrompts(), node(clicked)),
    'pushgateway.setCredentials': (clicked) => setCredentials(services.gateways, userPrompts(), node(clicked)),
    'pushgateway.openGroupAsDocument': (clicked) => services.groupDocuments.open(node(clicked)),
    'pushgateway.copyCurlCommands': (clicked) => copyCurlCommands(node(clicked)),
    'pushgateway.createAlertRules': (clicked) => createAlertRules(userPrompts(), node(clicked)),
    'pushgateway.filterGroups': () => filterGroups(services.gatewayTree, services.gatewayView, userPrompts()),
    'pushgateway.clearGroupFilter': () => clearGroupFilter(services.gatewayTree, services.gatewayView),
    'pushgateway.sortGroups': () => sortGroups(services.gatewayTree, userPrompts()),
    'pushgateway.startMock': () => startMock(services.mock),
    'pushgateway.stopMock': () => stopMock(services.mock),
    'pushgateway.showMockLog': () => showMockLog(services.mock),
    'pushgateway.pushBuffer': () => pushBuffer(services.pushService),
    'pushgateway.pushSelection': () => pushSelection(services.pushService),
    'pushgateway.openWalkthroughSample': () => openWalkthroughSample(context.extensionUri),
    'pushgateway.deleteGroupByKey': () => deleteGroupByKey(services.pushService),
    'pushgateway.deleteGroupFromScript': (uri, line) => deleteGroupFromScript(services.pushService, uri, line),
    'pushgateway.pushHeredoc': (uri, line, mode) => pushHeredoc(services.pushService, runningMock, uri, line, mode),
    'pushgateway.dryRunHeredoc': () => dryRunHeredoc(services.pushService, runningMock),
    'pushgateway.changeScriptValues': () => changeScriptValues(services.pushService),
    'pushgateway.deleteClientLibraryGroup': (uri, line) => deleteClientLibraryGroup(services.gateways, uri, line),
    'pushgateway.dryRunClientLibraryPush': (uri, line) => dryRunClientLibraryPush(uri, line),
  };
  for (const [id, handler] of Object.entries(commands)) {
    registerCommand(context, id, handler);
  }
}
