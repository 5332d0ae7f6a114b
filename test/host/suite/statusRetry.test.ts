import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { MockGateway, startMockGateway } from '../../../src/core/mock';
import { api, extension } from './helpers';

describe("a gateway's status that failed", () => {
  let mock: MockGateway;
  let server: http.Server;
  let url = '';
  let failStatus = true;

  before(async () => {
    await extension().activate();
    mock = await startMockGateway({ port: 0 });
    // The mock behind a front that refuses the status until "fixed".
    server = http.createServer((request, response) => {
      if (request.url === '/api/v1/status' && failStatus) {
        response.writeHead(502).end('bad gateway\n');
        return;
      }
      void fetch(`${mock.url}${request.url}`, { method: request.method }).then(async (answer) =>
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(await answer.text()),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await vscode.workspace.getConfiguration('pushgateway').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await mock?.close();
  });

  it('is read again after the request settings change', async () => {
    const gateway = { name: 'flaky status', url };
    assert.equal(await api().gateways.targetOf(gateway), undefined, 'the refused status names no target');
    failStatus = false;
    assert.equal(await api().gateways.targetOf(gateway), undefined, 'a failed read is remembered until something changes');
    await vscode.workspace.getConfiguration('pushgateway').update('requestTimeoutSeconds', 11, vscode.ConfigurationTarget.Workspace);
    assert.notEqual(await api().gateways.targetOf(gateway), undefined, 'the status read again after the settings changed');
  });
});
