import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { GatewayClient } from '../../../src/core/gateway/client';
import { GatewayGroup } from '../../../src/core/gateway/groups';
import { MockGateway, startMockGateway } from '../../../src/core/mock';
import { api, extension } from './helpers';

describe('deletes and wipes a gateway refuses', () => {
  let mock: MockGateway;
  let server: http.Server;
  let url = '';
  let groupReads = 0;
  let groups: GatewayGroup[] = [];

  before(async () => {
    await extension().activate();
    mock = await startMockGateway({ port: 0 });
    const client = new GatewayClient({ baseUrl: mock.url });
    assert.ok((await client.push({ key: { job: 'kept', labels: {} }, method: 'PUT', body: 'kept_total 1\n' })).ok);
    assert.ok((await client.push({ key: { job: 'gone', labels: {} }, method: 'PUT', body: 'gone_total 1\n' })).ok);
    const listed = await client.groups();
    assert.ok(listed.ok);
    groups = listed.value.filter((group) => group.labels.job === 'kept');
    await client.close();
    // Everything goes to the mock, which holds the groups, but the wipe and the DELETE of job "kept" are refused.
    server = http.createServer((request, response) => {
      if ((request.method === 'DELETE' && request.url === '/metrics/job/kept') || request.url === '/api/v1/admin/wipe') {
        response.writeHead(500).end('refused\n');
        return;
      }
      if (request.url === '/api/v1/metrics') {
        groupReads++;
      }
      void fetch(`${mock.url}${request.url}`, { method: request.method }).then(async (answer) =>
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(await answer.text()),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await mock?.close();
  });

  it('waits only for the DELETEs the gateway accepted to be applied', async () => {
    groupReads = 0;
    const { results } = await api().gateways.deleteGroups({ name: 'refusing', url }, [
      { job: 'kept', labels: {} },
      { job: 'gone', labels: {} },
    ]);
    assert.deepEqual(
      results.map((result) => result.ok),
      [false, true],
    );
    // The mock applies a DELETE before answering it: one read shows "gone" gone. Waiting for the
    // refused "kept" too would read again and again until the deadline.
    assert.equal(groupReads, 1, 'the groups were read again to wait for a refused DELETE');
  });

  it('does not wait for a refused wipe to be applied', async () => {
    groupReads = 0;
    const { result } = await api().gateways.wipe({ name: 'refusing', url }, groups);
    assert.ok(!result.ok);
    assert.equal(groupReads, 0, 'the groups were read to wait for a wipe that never happened');
  });
});
