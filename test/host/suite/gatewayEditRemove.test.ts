import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../../src/explorer/explorerModel';
import { api, children, extension, setGateways, waitFor } from './helpers';

/** Issue 17 item 8: Edit Gateway and Remove Gateway on a gateway's row, and Delete All Groups on a gateway that does not answer. */
describe('Edit Gateway, Remove Gateway, and Delete All Groups on an unreachable gateway', () => {
  const confirmations: string[] = [];
  const alerts: Array<[string, string]> = [];
  let confirmAnswer = false;
  const workspaceGateways = () => vscode.workspace.getConfiguration('pushgateway').inspect<unknown>('gateways')?.workspaceValue;
  const userGateways = () => vscode.workspace.getConfiguration('pushgateway').inspect<unknown>('gateways')?.globalValue;

  /** The gateway's row, once the settings change reached the view. */
  async function gatewayNode(name: string): Promise<ExplorerNode> {
    let found: ExplorerNode | undefined;
    const lookUp = async () => (found = (await children()).find((node) => node.kind === 'gateway' && node.gateway.name === name));
    await lookUp();
    await waitFor(() => {
      if (found === undefined) {
        void lookUp();
      }
      return found !== undefined;
    }, `the gateway ${name} in the view`);
    return found!;
  }

  before(async () => {
    await extension().activate();
    api().setPrompts({
      confirm: async (message) => (confirmations.push(message), confirmAnswer),
      alert: async (message, detail) => void alerts.push([message, detail]),
      inputGatewayUrl: async (validate, initial) => {
        assert.equal(initial, 'http://127.0.0.1:1', 'the URL to edit was not offered');
        assert.equal(validate('ftp://x'), '"ftp://x" must start with http:// or https://');
        return 'http://127.0.0.1:3/';
      },
      inputGatewayName: async (initial, validate) => {
        assert.equal(initial, 'edit-me');
        assert.match(validate('keep') ?? '', /already/, 'another gateway’s name was accepted');
        assert.equal(validate('edit-me'), undefined, 'its own name was refused');
        return 'edited';
      },
    });
  });

  after(async () => {
    api().setPrompts(undefined);
    await setGateways(undefined);
  });

  it('Edit Gateway changes name and URL in the settings that define it, keeping its other fields', async () => {
    await setGateways([
      { name: 'edit-me', url: 'http://127.0.0.1:1', staleAfterHours: 3 },
      { name: 'keep', url: 'http://127.0.0.1:2' },
    ]);
    const before = userGateways();
    await vscode.commands.executeCommand('pushgateway.editGateway', await gatewayNode('edit-me'));
    assert.deepEqual(workspaceGateways(), [
      { name: 'edited', url: 'http://127.0.0.1:3', staleAfterHours: 3 },
      { name: 'keep', url: 'http://127.0.0.1:2' },
    ]);
    assert.deepEqual(userGateways(), before, 'the user settings changed');
    await gatewayNode('edited');
  });

  it('Remove Gateway asks first, keeps the gateway when declined, and removes only it when confirmed', async () => {
    confirmAnswer = false;
    await vscode.commands.executeCommand('pushgateway.removeGateway', await gatewayNode('edited'));
    assert.deepEqual(confirmations, ["Remove the gateway edited from the workspace's settings?"]);
    assert.equal((workspaceGateways() as unknown[]).length, 2, 'removed though declined');
    confirmAnswer = true;
    await vscode.commands.executeCommand('pushgateway.removeGateway', await gatewayNode('edited'));
    assert.deepEqual(workspaceGateways(), [{ name: 'keep', url: 'http://127.0.0.1:2' }]);
  });

  it('is offered on a configured gateway’s row only, never in the palette', () => {
    const menus = (extension().packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } }).contributes.menus;
    for (const command of ['pushgateway.editGateway', 'pushgateway.removeGateway']) {
      assert.match(menus['view/item/context'].find((entry) => entry.command === command)?.when ?? '', /viewItem == gateway$/);
      assert.equal(menus.commandPalette.find((entry) => entry.command === command)?.when, 'false');
    }
  });

  it('Delete All Groups on a gateway that does not answer shows an error dialog and asks nothing', async () => {
    // A port that was just free: nothing answers there.
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    await setGateways([{ name: 'down', url: `http://127.0.0.1:${port}` }]);
    confirmations.length = 0;
    await vscode.commands.executeCommand('pushgateway.deleteAllGroups', await gatewayNode('down'));
    assert.deepEqual(confirmations, [], 'a confirmation was asked for a gateway that does not answer');
    assert.equal(alerts.length, 1, 'no error dialog');
    assert.equal(alerts[0][0], 'Cannot delete the groups of down: the gateway did not answer.');
    assert.match(alerts[0][1], new RegExp(`^http://127\\.0\\.0\\.1:${port}: .+\\n\\nNothing was deleted\\.$`));
  });
});
