import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as zlib from 'node:zlib';
import { sendStep } from '../../gateway/client';
import { CaseStep } from '../../gateway/corpus';
import { PROTOBUF_CONTENT_TYPE } from '../../gateway/protobuf';
import { MockGateway, startMockGateway } from '../../../src/core/mock/server';

const TEXT = { 'Content-Type': 'text/plain; version=0.0.4' };

function bodyStep(method: string, path: string, body: Buffer, headers: Record<string, string> = TEXT): CaseStep {
  return { method, path, headers, bodyBase64: body.toString('base64') };
}

/** Sends raw bytes and returns everything the server answers before it closes. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

/** A small deterministic random generator for the robustness test. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('mock gateway: the HTTP server', function () {
  let gateway: MockGateway;

  afterEach(async () => {
    await gateway?.close();
  });

  describe('with a body limit of 1 kB', () => {
    beforeEach(async () => {
      gateway = await startMockGateway({ port: 0, bodyLimitBytes: 1024 });
    });

    it('answers 413 with a clear text to a body over the limit, and stores nothing', async () => {
      const response = await sendStep(gateway.port, bodyStep('PUT', '/metrics/job/j', Buffer.from('a 1\n'.repeat(300))));
      assert.equal(response.status, 413);
      assert.match(
        response.body.toString('utf8'),
        /^request body too large: the mock gateway accepts at most 1024 bytes \(raise it with pgw mock --max-body-bytes or the setting pushgateway\.mock\.maxBodyBytes; the real Pushgateway has no limit\)\n$/,
      );
      assert.equal([...gateway.store.groups()].length, 0);
    });

    it('applies the limit to the gunzipped body too', async () => {
      const compressed = zlib.gzipSync(Buffer.from('a 1\n'.repeat(1000)));
      assert.ok(compressed.length < 1024);
      const response = await sendStep(gateway.port, bodyStep('PUT', '/metrics/job/j', compressed, { ...TEXT, 'Content-Encoding': 'gzip' }));
      assert.equal(response.status, 413);
    });

    it('accepts a body at the limit', async () => {
      const body = Buffer.from(`${'#'.repeat(1019)}\na 1\n`);
      assert.equal(body.length, 1024);
      assert.equal((await sendStep(gateway.port, bodyStep('PUT', '/metrics/job/j', body))).status, 200);
    });
  });

  describe('with the defaults', () => {
    beforeEach(async () => {
      gateway = await startMockGateway({ port: 0, adminApi: true });
    });

    it('routes a method Node does not know like the real gateway (405 with Allow, or 404)', async () => {
      const answer = await rawExchange(gateway.port, 'FROB /metrics/job/j HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\na 1\n');
      assert.match(answer, /^HTTP\/1\.1 405 Method Not Allowed\r\n/);
      assert.match(answer, /\r\nAllow: DELETE, OPTIONS, POST, PUT\r\n/);
      assert.ok(answer.endsWith('\r\n\r\nMethod Not Allowed\n'));
      assert.match(await rawExchange(gateway.port, 'FROB /nope HTTP/1.1\r\nHost: x\r\n\r\n'), /^HTTP\/1\.1 404 Not Found\r\n/);
    });

    it('answers a request line it cannot parse like Go (400 Bad Request)', async () => {
      assert.match(await rawExchange(gateway.port, 'GET /metrics HTTP/9.9 x\r\n\r\n'), /^HTTP\/1\.1 400 /);
    });

    it('answers OPTIONS * like Go', async () => {
      assert.match(await rawExchange(gateway.port, 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n'), /^HTTP\/1\.1 200 OK\r\n/);
    });

    it('gzips /metrics for a client that accepts it', async () => {
      await sendStep(gateway.port, { method: 'PUT', path: '/metrics/job/j', body: 'a 1\n' });
      const response = await sendStep(gateway.port, { method: 'GET', path: '/metrics', headers: { 'Accept-Encoding': 'deflate, gzip;q=0.8' } });
      assert.equal(response.headers['content-encoding'], 'gzip');
      assert.match(zlib.gunzipSync(response.body).toString('utf8'), /\na\{instance="",job="j"\} 1\n/);
    });

    it('counts its instrumented requests in pushgateway_http_* families that exist from the first request on, as the real one', async () => {
      const send = (method: string, path: string, body?: string) => sendStep(gateway.port, body === undefined ? { method, path } : { method, path, body });
      // Before any counted request the name is free...
      assert.equal((await send('PUT', '/metrics/job/j', '# TYPE pushgateway_http_requests_total gauge\npushgateway_http_requests_total 1\n')).status, 200);
      // ...then the gateway's own family exists, and the pushed one (no HELP) is inconsistent with it.
      const expected = 'gathered metric family pushgateway_http_requests_total has help "" but should have "Total HTTP requests processed by the Pushgateway, excluding scrapes."';
      const scrape = await send('GET', '/metrics');
      assert.equal(scrape.status, 500);
      assert.equal(scrape.body.toString('utf8'), `An error has occurred while serving metrics:\n\n${expected}\n`);
      assert.equal((await send('PUT', '/metrics/job/k', 'a 1\n')).body.toString('utf8'), `pushed metrics are invalid or inconsistent with existing metrics: ${expected}\n`);
      assert.equal((await send('DELETE', '/metrics/job/j')).status, 202);
      const metrics = (await send('GET', '/metrics')).body.toString('utf8');
      assert.match(metrics, /\npushgateway_http_requests_total\{code="200",handler="push",method="put"\} 1\n/);
      assert.match(metrics, /\npushgateway_http_requests_total\{code="400",handler="push",method="put"\} 1\n/);
      assert.match(metrics, /\npushgateway_http_requests_total\{code="202",handler="delete",method="delete"\} 1\n/);
      assert.match(metrics, /\npushgateway_http_push_size_bytes_count\{method="put"\} 2\n/);
    });

    it('wipes synchronously with the admin API', async () => {
      await sendStep(gateway.port, { method: 'PUT', path: '/metrics/job/j', body: 'a 1\n' });
      assert.equal((await sendStep(gateway.port, { method: 'PUT', path: '/api/v1/admin/wipe' })).status, 202);
      assert.equal([...gateway.store.groups()].length, 0);
    });

    it('answers an invalid base64 job name with 400 instead of locking the route', async () => {
      const bad = await sendStep(gateway.port, { method: 'PUT', path: '/metrics/job@base64/!!!', body: 'a 1\n' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.toString('utf8'), 'invalid base64 encoding in job name "": illegal base64 data at input byte 0\n');
      assert.equal((await sendStep(gateway.port, { method: 'PUT', path: '/metrics/job@base64/YQ', body: 'a 1\n' })).status, 200);
    });

    it('never fails to answer, whatever it is sent', async () => {
      const next = random(42);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
      const paths = ['/metrics/job/j', '/metrics/job@base64/', '/metrics/job/j/a@base64/', '/metrics/job/%ff', '/api/v1/metrics', '/metrics', '/-/healthy', '/metrics/job/j/x/%2e%2e', '/x'];
      const types = [TEXT, { 'Content-Type': PROTOBUF_CONTENT_TYPE }, { ...TEXT, 'Content-Encoding': 'gzip' }, {}];
      for (let i = 0; i < 250; i++) {
        const length = Math.floor(next() * 64);
        const bytes = Buffer.from(Array.from({ length }, () => (next() < 0.6 ? pick([0x0a, 0x20, 0x7b, 0x7d, 0x22, 0x3d, 0x61, 0x31, 0x23]) : Math.floor(next() * 256))));
        const body = next() < 0.2 ? zlib.gzipSync(bytes).subarray(0, Math.floor(next() * 40)) : bytes;
        const path = pick(paths) + (next() < 0.3 ? pick(['/b/c', '/a@base64/!', '/Z/%00']) : '');
        const response = await sendStep(gateway.port, bodyStep(pick(['PUT', 'POST', 'DELETE', 'GET']), path, body, pick(types)));
        assert.ok(response.status >= 200 && response.status < 600, `${path}: ${response.status}`);
        assert.doesNotMatch(response.body.toString('utf8'), /^internal error/, path);
      }
      assert.equal((await sendStep(gateway.port, { method: 'GET', path: '/-/healthy' })).status, 200);
    });
  });
});
