import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunningGateway, startPushgateway } from '../../../scripts/reference/pushgateway';
import { versionLine } from '../../../scripts/reference/processes';
import { findFreePort } from '../../../scripts/host/processes';
import { ANSWER_LIMITS, GatewayClient } from '../../../src/core/gateway/client';

const HAS_PUSHGATEWAY = versionLine(process.env.PGW_PUSHGATEWAY ?? 'prometheus-pushgateway') !== undefined;

const MIB = 1024 * 1024;
/** Where the endless server gives up, so that a client without a bound cannot take the machine with it. */
const SAFETY_STOP_BYTES = 256 * MIB;

/** Answers every request with a body that does not end (until SAFETY_STOP_BYTES), counting what the client took. */
function endlessBody(status: number, sent: { bytes: number }): http.RequestListener {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    const pump = () => {
      while (!response.destroyed && sent.bytes < SAFETY_STOP_BYTES) {
        sent.bytes += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', pump);
          return;
        }
      }
      if (!response.destroyed) {
        response.end();
      }
    };
    response.on('close', () => response.removeAllListeners('drain'));
    pump();
  };
}

/** A local HTTP server answering with `handler`; closed after the test. */
async function localServer(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('gateway client', function () {
  describe('against the real Pushgateway 1.5.1', function () {
    let gateway: RunningGateway;
    let client: GatewayClient;

    before(async function () {
      if (!HAS_PUSHGATEWAY) {
        console.log('    (prometheus-pushgateway is not installed: apt-get install prometheus-pushgateway; skipped)');
        this.skip();
      }
      gateway = await startPushgateway({ adminApi: true });
      client = new GatewayClient({ baseUrl: `http://127.0.0.1:${gateway.port}` });
    });

    after(async () => {
      await client?.close();
      await gateway?.stop();
    });

    it('pushes with PUT, lists the group with its labels, families and push time', async () => {
      const before = Date.now() / 1000;
      const pushed = await client.push({
        key: { job: 'backup db', labels: { path: '/var/backups' } },
        method: 'PUT',
        body: '# HELP backup_size_bytes Size.\n# TYPE backup_size_bytes gauge\nbackup_size_bytes 1024\n',
      });
      assert.deepEqual(pushed, { ok: true, value: undefined });
      const groups = await client.groups();
      assert.ok(groups.ok, groups.ok ? '' : groups.error.message);
      const group = groups.value.find((g) => g.labels.job === 'backup db');
      assert.ok(group, JSON.stringify(groups.value));
      assert.deepEqual(group.labels, { job: 'backup db', path: '/var/backups' });
      assert.equal(group.lastPushSuccessful, true);
      assert.ok((group.pushTimeSeconds ?? 0) >= Math.floor(before), `push time ${group.pushTimeSeconds}`);
      assert.deepEqual(
        group.families.map((family) => [family.name, family.type, family.help, family.metrics[0]?.value]),
        [['backup_size_bytes', 'GAUGE', 'Size.', '1024']],
      );
    });

    it("returns the gateway's 400 text for a refused push, and records the failure", async () => {
      const pushed = await client.push({ key: { job: 'stamped', labels: {} }, method: 'POST', body: 'a 1 1700000000000\n' });
      assert.ok(!pushed.ok);
      assert.equal(pushed.error.kind, 'http');
      assert.equal(pushed.error.status, 400);
      assert.match(pushed.error.message, /pushed metrics must not have timestamps/);
      const groups = await client.groups();
      assert.ok(groups.ok);
      const group = groups.value.find((g) => g.labels.job === 'stamped');
      assert.equal(group?.lastPushSuccessful, false);
      assert.ok((group?.pushFailureTimeSeconds ?? 0) > 0);
    });

    it('deletes a group (202, applied a moment later)', async () => {
      await client.push({ key: { job: 'to_delete', labels: { instance: 'x' } }, method: 'PUT', body: 'a 1\n' });
      assert.deepEqual(await client.deleteGroup({ job: 'to_delete', labels: { instance: 'x' } }), { ok: true, value: undefined });
      const deadline = Date.now() + 2000;
      let remaining = true;
      while (remaining && Date.now() < deadline) {
        const groups = await client.groups();
        remaining = groups.ok && groups.value.some((g) => g.labels.job === 'to_delete');
      }
      assert.equal(remaining, false);
    });

    it('reads the status, including whether the admin API is on', async () => {
      const status = await client.status();
      assert.ok(status.ok);
      assert.equal(status.value.adminApiEnabled, true);
      assert.match(status.value.version ?? '', /^1\.5\.1/);
    });

    it('wipes every group through the admin API', async () => {
      await client.push({ key: { job: 'wipe_me', labels: {} }, method: 'PUT', body: 'a 1\n' });
      assert.deepEqual(await client.wipe(), { ok: true, value: undefined });
    });
  });

  it('explains a refused connection', async () => {
    const client = new GatewayClient({ baseUrl: `http://127.0.0.1:${await findFreePort()}` });
    const groups = await client.groups();
    await client.close();
    assert.ok(!groups.ok);
    assert.equal(groups.error.kind, 'refused');
    assert.match(groups.error.message, /connection refused/);
  });

  it('gives up after the timeout', async () => {
    const silent = await localServer(() => undefined);
    const client = new GatewayClient({ baseUrl: silent.url, timeoutMs: 300 });
    const groups = await client.groups();
    await client.close();
    await silent.close();
    assert.ok(!groups.ok);
    assert.equal(groups.error.kind, 'timeout');
    assert.match(groups.error.message, /no answer within 0\.3 s/);
  });

  it('sends basic and bearer credentials, and names a 401 without showing them', async () => {
    const seen: string[] = [];
    const server = await localServer((request, response) => {
      seen.push(request.headers.authorization ?? '');
      response.writeHead(401).end('Unauthorized\n');
    });
    const basic = new GatewayClient({ baseUrl: server.url, credentials: { kind: 'basic', user: 'ci', password: 's3cret' } });
    const bearer = new GatewayClient({ baseUrl: server.url, credentials: { kind: 'bearer', token: 'tok3n' } });
    const fromUrl = new GatewayClient({ baseUrl: server.url.replace('http://', 'http://u:p%40ss@') });
    // A "%" that starts no escape is a character of the password, as curl reads it, not an exception.
    const stray = new GatewayClient({ baseUrl: server.url.replace('http://', 'http://u:100%zz@') });
    const answers = [await basic.groups(), await bearer.groups(), await fromUrl.groups(), await stray.groups()];
    await Promise.all([basic.close(), bearer.close(), fromUrl.close(), stray.close(), server.close()]);
    assert.deepEqual(seen, [
      `Basic ${Buffer.from('ci:s3cret').toString('base64')}`,
      'Bearer tok3n',
      `Basic ${Buffer.from('u:p@ss').toString('base64')}`,
      `Basic ${Buffer.from('u:100%zz').toString('base64')}`,
    ]);
    for (const answer of answers) {
      assert.ok(!answer.ok);
      assert.equal(answer.error.kind, 'unauthorized');
      assert.doesNotMatch(answer.error.message, /s3cret|tok3n|p@ss/);
    }
    assert.equal(fromUrl.baseUrl, server.url);
  });

  it("reports an answer that is not a Pushgateway's", async () => {
    const server = await localServer((_request, response) => response.writeHead(200).end('<html>hello</html>'));
    const client = new GatewayClient({ baseUrl: server.url });
    const groups = await client.groups();
    await Promise.all([client.close(), server.close()]);
    assert.ok(!groups.ok);
    assert.equal(groups.error.kind, 'invalid-response');
  });

  it('stops reading an endless /api/v1/metrics answer at its bound, with a clear error', async () => {
    const sent = { bytes: 0 };
    const server = await localServer(endlessBody(200, sent));
    const client = new GatewayClient({ baseUrl: server.url });
    const groups = await client.groups();
    await Promise.all([client.close(), server.close()]);
    assert.ok(!groups.ok);
    assert.equal(groups.error.kind, 'too-large');
    assert.match(groups.error.message, /GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/metrics: the gateway's answer is larger than 64 MB/);
    // The client hung up soon after the bound: what the server could still write is socket buffers, not the whole stream.
    assert.ok(sent.bytes > ANSWER_LIMITS.metrics && sent.bytes < ANSWER_LIMITS.metrics + 32 * MIB, `the server wrote ${sent.bytes} bytes`);
  });

  it('bounds status answers and error texts far lower than the metrics', async () => {
    assert.equal(ANSWER_LIMITS.other, 1 * MIB);
    const sent = { bytes: 0 };
    const server = await localServer(endlessBody(200, sent));
    const client = new GatewayClient({ baseUrl: server.url });
    const status = await client.status();
    const refusedPush = await client.push({ key: { job: 'j', labels: {} }, method: 'PUT', body: 'x 1\n' });
    await Promise.all([client.close(), server.close()]);
    for (const answer of [status, refusedPush]) {
      assert.ok(!answer.ok);
      assert.equal(answer.error.kind, 'too-large');
      assert.match(answer.error.message, /the gateway's answer is larger than 1 MB/);
    }
    assert.ok(sent.bytes < 2 * (ANSWER_LIMITS.other + 32 * MIB), `the server wrote ${sent.bytes} bytes`);
  });

  it('refuses an untrusted TLS certificate unless insecure TLS is allowed', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-tls-'));
    const made = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) {
      fs.rmSync(dir, { recursive: true, force: true });
      this.skip();
    }
    const server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":[]}'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const strict = new GatewayClient({ baseUrl: url });
    const insecure = new GatewayClient({ baseUrl: url, allowInsecureTls: true });
    const refused = await strict.groups();
    const accepted = await insecure.groups();
    await Promise.all([strict.close(), insecure.close()]);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
    assert.ok(!refused.ok);
    assert.equal(refused.error.kind, 'tls');
    assert.deepEqual(accepted, { ok: true, value: [] });
  });
});
