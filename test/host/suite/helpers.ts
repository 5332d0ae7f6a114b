import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GatewayClient } from '../../../src/core/gateway/client';
import type { ExplorerNode } from '../../../src/explorer/explorerModel';
import type { TestingApi } from '../../../src/extension';

export const EXTENSION_ID = 'pushgateway-workbench.pushgateway-workbench';

export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  if (!found) {
    throw new Error(`extension ${EXTENSION_ID} is not loaded in this host`);
  }
  return found;
}

export function workspaceFile(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('the host was started without a workspace folder');
  }
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

/** Polls until the condition holds; fails naming what it waited for. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface ManifestCommand {
  readonly command: string;
}

/** The extension's package.json as the host loaded it. */
export function manifest(): {
  main: string;
  icon: string;
  contributes: {
    walkthroughs: Array<{ steps: Array<{ id: string; completionEvents: string[]; media: { image: string } }> }>;
    commands: ManifestCommand[];
    views: Record<string, Array<{ id: string }>>;
    viewsContainers: { activitybar: Array<{ id: string; icon: string }> };
    languages: Array<{ id: string; configuration: string }>;
    grammars: Array<{ path: string }>;
  };
} {
  return extension().packageJSON;
}

/** What activate() returns in test mode. */
export function api(): TestingApi {
  const exports = extension().exports as TestingApi | undefined;
  assert.ok(exports?.gatewayTree, 'the extension did not return its testing API (is it running in test mode?)');
  return exports;
}

/**
 * Activates the extension and starts the embedded mock (from scratch with `fresh`: no groups left by
 * other suites), through its command as a user would; a client of it.
 */
export async function clientOfEmbeddedMock(options: { fresh?: boolean } = {}): Promise<GatewayClient> {
  await extension().activate();
  if (options.fresh) {
    await vscode.commands.executeCommand('pushgateway.stopMock');
  }
  const url = await vscode.commands.executeCommand<string | undefined>('pushgateway.startMock');
  assert.ok(url, 'the mock did not start');
  return new GatewayClient({ baseUrl: url });
}

/** Sets (or with undefined, removes) the workspace's pushgateway.gateways setting. */
export async function setGateways(gateways: ReadonlyArray<Record<string, unknown>> | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('pushgateway').update('gateways', gateways, vscode.ConfigurationTarget.Workspace);
}

/** The Gateways view's children of a node (the gateway rows without one). */
export async function children(node?: ExplorerNode): Promise<ExplorerNode[]> {
  return (await api().gatewayTree.getChildren(node)) ?? [];
}

/** The embedded mock's row in the Gateways view; fails when it has none. */
export async function embeddedMockNode(): Promise<ExplorerNode> {
  const mock = (await children()).find((node) => node.kind === 'gateway' && node.gateway.embedded);
  assert.ok(mock, 'no mock gateway in the tree');
  return mock;
}

/** After a refresh, the group with this job under the first gateway of the Gateways view; fails when there is none. */
export async function groupNode(job: string): Promise<ExplorerNode> {
  api().gatewayTree.refresh();
  const [gatewayNode] = await children();
  const found = (await children(gatewayNode)).find((node) => node.kind === 'group' && node.group.labels.job === job);
  assert.ok(found, `no group job=${job} in the explorer`);
  return found;
}

/**
 * Writes `text` to `uri` (a new file of the workspace), opens it in an editor and returns its document.
 * A test that hands a command a document's URI needs such a file of its own: an untitled document
 * can get the URI of an earlier test's closed one, which the extension host may still resolve to
 * that document while the close is on its way (seen once in ten runs under load).
 */
export async function showNewFile(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/**
 * The CodeLens of a document (those `pick` keeps) once `condition` holds of them: a provider may
 * answer fully only after a grammar has loaded. Fails naming what it waited for.
 */
export async function waitForLenses(
  uri: vscode.Uri,
  what: string,
  condition: (lenses: vscode.CodeLens[]) => boolean,
  pick: (lens: vscode.CodeLens) => boolean = () => true,
): Promise<vscode.CodeLens[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const lenses = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).filter(pick);
    if (condition(lenses)) {
      return lenses;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; lenses: ${JSON.stringify(lenses.map((lens) => [lens.range.start.line, lens.command?.title]))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
