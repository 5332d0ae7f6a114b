import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { MockGateway, startMockGateway } from '../../../src/core/mock/server';

// Web pages cannot reach into a mock on loopback: a foreign Host (DNS rebinding) is refused, so is
// a change from a foreign Origin; clients on the machine (no Origin, a loopback Host) are served.

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

function send(gateway: MockGateway, method: string, path: string, headers: http.OutgoingHttpHeaders, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: gateway.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('mock gateway: requests from web pages', function () {
  let gateway: MockGateway;

  before(async () => {
    gateway = await startMockGateway({ port: 0 });
  });

  after(async () => {
    await gateway.close();
  });

  it('refuses a request whose Host is a foreign name (DNS rebinding), and does not log it', async () => {
    const answer = await send(gateway, 'GET', '/api/v1/metrics', { Host: `rebind.example:${gateway.port}` });
    assert.equal(answer.status, 403);
    assert.match(answer.text, /DNS rebinding/);
    assert.equal((await send(gateway, 'GET', '/-/healthy', { Host: '10.0.0.1' })).status, 403);
    const push = await send(gateway, 'PUT', '/metrics/job/rebound', { Host: 'rebind.example' }, 'x 1\n');
    assert.equal(push.status, 403);
    assert.equal(gateway.store.group({ job: 'rebound' }), undefined);
    assert.ok(gateway.log.entries().every((entry) => !entry.path.includes('rebound')));
  });

  it('serves loopback Host names and addresses, and bare local names', async () => {
    for (const host of [`127.0.0.1:${gateway.port}`, `localhost:${gateway.port}`, 'LOCALHOST', `[::1]:${gateway.port}`, '127.0.0.2', 'myhost']) {
      assert.equal((await send(gateway, 'GET', '/-/healthy', { Host: host })).status, 200, host);
    }
  });

  it('refuses a push or delete from a foreign Origin, and takes one from a loopback Origin', async () => {
    for (const origin of ['http://evil.example', 'null', 'https://127.0.0.1.evil.example']) {
      const push = await send(gateway, 'POST', '/metrics/job/page', { Origin: origin }, 'x 1\n');
      assert.equal(push.status, 403, origin);
      assert.equal(gateway.store.group({ job: 'page' }), undefined);
    }
    assert.equal((await send(gateway, 'PUT', '/metrics/job/page', { Origin: 'http://localhost:3000' }, 'x 1\n')).status, 200);
    assert.equal((await send(gateway, 'DELETE', '/metrics/job/page', { Origin: 'http://evil.example' })).status, 403);
    assert.ok(gateway.store.group({ job: 'page' }) !== undefined);
  });

  it('answers reads from a foreign Origin like the real gateway, and its own log without CORS headers', async () => {
    const api = await send(gateway, 'GET', '/api/v1/status', { Origin: 'http://evil.example' });
    assert.equal(api.status, 200);
    assert.equal(api.headers['access-control-allow-origin'], '*');
    const log = await send(gateway, 'GET', '/mock/v1/log', { Origin: 'http://evil.example' });
    assert.equal(log.status, 200);
    assert.equal(log.headers['access-control-allow-origin'], undefined);
  });
});

describe('mock gateway: the Host check follows the bind', function () {
  it('on loopback, refuses a DNS name with a dot and says how to reach the mock by it', async () => {
    const gateway = await startMockGateway({ port: 0, host: '127.0.0.1' });
    try {
      const answer = await send(gateway, 'PUT', '/metrics/job/ci', { Host: `host.docker.internal:${gateway.port}` }, 'x 1\n');
      assert.equal(answer.status, 403);
      assert.match(answer.text, /--listen 0\.0\.0\.0/);
      assert.equal(gateway.store.group({ job: 'ci' }), undefined);
    } finally {
      await gateway.close();
    }
  });

  it('bound to 0.0.0.0, serves any Host (containers push by DNS names) and still refuses a foreign Origin', async () => {
    const gateway = await startMockGateway({ port: 0, host: '0.0.0.0' });
    try {
      for (const host of [`host.docker.internal:${gateway.port}`, 'pushgateway.monitoring.svc.cluster.local', '10.0.0.1']) {
        assert.equal((await send(gateway, 'GET', '/-/healthy', { Host: host })).status, 200, host);
      }
      assert.equal((await send(gateway, 'PUT', '/metrics/job/ci', { Host: 'host.docker.internal' }, 'x 1\n')).status, 200);
      assert.ok(gateway.store.group({ job: 'ci' }) !== undefined);
      assert.equal((await send(gateway, 'DELETE', '/metrics/job/ci', { Host: 'host.docker.internal', Origin: 'http://evil.example' })).status, 403);
      assert.ok(gateway.store.group({ job: 'ci' }) !== undefined);
    } finally {
      await gateway.close();
    }
  });
});
