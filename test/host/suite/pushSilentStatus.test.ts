import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { api, extension, setGateways, showNewFile, workspaceFile } from './helpers';

describe('a push to a gateway whose status does not answer', () => {
  let server: http.Server;
  const held: http.ServerResponse[] = [];
  /** Each push, with how many status requests were still waiting for their answer when it came. */
  const pushes: Array<{ url: string; statusRequestsWaiting: number }> = [];
  let url = '';

  before(async () => {
    await extension().activate();
    // The status is never answered (a gateway behind a proxy that drops it); pushes are accepted.
    server = http.createServer((request, response) => {
      if (request.url === '/api/v1/status') {
        held.push(response);
        // Never ended by us: a close is the client giving up on it (its request timeout).
        response.on('close', () => {
          const index = held.indexOf(response);
          if (index >= 0) {
            held.splice(index, 1);
          }
        });
        return;
      }
      if (request.method === 'POST' && request.url?.startsWith('/metrics/job/')) {
        pushes.push({ url: request.url, statusRequestsWaiting: held.length });
        request.resume();
        request.on('end', () => response.writeHead(200).end());
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await setGateways([{ name: 'silent status', url }]);
    api().setPrompts({ confirm: async () => true, notify: async () => undefined });
  });

  after(async () => {
    api().setPrompts(undefined);
    await setGateways(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    [...held].forEach((response) => response.destroy());
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('lints by the settings after a short wait instead of holding the push for the whole request timeout', async () => {
    const script = ['#!/usr/bin/env bash', `cat <<EOF | curl --data-binary @- "${url}/metrics/job/silent_status"`, '# TYPE silent_status_done gauge', 'silent_status_done 1', 'EOF', ''].join('\n');
    const document = await showNewFile(workspaceFile('push-scripts/pushSilentStatus.sh'), script);
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushHeredoc', document.uri, 1), true);
    assert.deepEqual(
      pushes.map((push) => push.url),
      ['/metrics/job/silent_status'],
    );
    // Held for the whole request timeout, the push would come after the client gave the status up.
    assert.ok(pushes[0].statusRequestsWaiting > 0, 'the push came only once no status request was waiting any more');
  });
});
