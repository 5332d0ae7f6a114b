import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { api, extension } from './helpers';

describe('a push to a gateway whose status does not answer', () => {
  let server: http.Server;
  const held: http.ServerResponse[] = [];
  const pushes: string[] = [];
  let url = '';

  before(async () => {
    await extension().activate();
    // The status is never answered (a gateway behind a proxy that drops it); pushes are accepted.
    server = http.createServer((request, response) => {
      if (request.url === '/api/v1/status') {
        held.push(response);
        return;
      }
      if (request.method === 'POST' && request.url?.startsWith('/metrics/job/')) {
        pushes.push(request.url);
        request.resume();
        request.on('end', () => response.writeHead(200).end());
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await vscode.workspace.getConfiguration('pushgateway').update('gateways', [{ name: 'silent status', url }], vscode.ConfigurationTarget.Workspace);
    api().setPrompts({ confirm: async () => true, notify: async () => undefined });
  });

  after(async () => {
    api().setPrompts(undefined);
    await vscode.workspace.getConfiguration('pushgateway').update('gateways', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    held.forEach((response) => response.destroy());
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('lints by the settings after a short wait instead of holding the push for the whole request timeout', async function () {
    this.timeout(15_000);
    const script = ['#!/usr/bin/env bash', `cat <<EOF | curl --data-binary @- "${url}/metrics/job/silent_status"`, '# TYPE silent_status_done gauge', 'silent_status_done 1', 'EOF', ''].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'shellscript', content: script });
    await vscode.window.showTextDocument(document);
    const started = Date.now();
    assert.equal(await vscode.commands.executeCommand('pushgateway.pushHeredoc', document.uri, 1), true);
    const elapsed = Date.now() - started;
    assert.deepEqual(pushes, ['/metrics/job/silent_status']);
    // The request timeout is 10 s; the lint waits for the status 1.5 s at most.
    assert.ok(elapsed < 6_000, `the push took ${elapsed} ms`);
  });
});
