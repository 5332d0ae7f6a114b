import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { MockGateway, startMockGateway } from '../../../src/core/mock/server';

// The mock at scale: what a request costs grows with what it touches, so one big family is
// stored, served and deleted like a small one. Before the series check was linear, a push of
// 20 000 series in one family took seconds and this one took many minutes (the suite's timeout
// catches a regression to quadratic work); GET /metrics then failed with a call stack overflow.

const SERIES = 150_000;

interface Answer {
  readonly status: number;
  readonly body: Buffer;
}

function send(gateway: MockGateway, method: string, path: string, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: gateway.port, method, path, headers: { 'Content-Type': 'text/plain; version=0.0.4' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function bigFamily(series: number, value: number): Buffer {
  const lines = ['# TYPE big_metric gauge'];
  for (let i = 0; i < series; i++) {
    lines.push(`big_metric{i="${i}"} ${value}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

function countLines(text: string, prefix: string): number {
  return text.split('\n').filter((line) => line.startsWith(prefix)).length;
}

describe('mock gateway: pushes beyond the per-push bounds', function () {
  let gateway: MockGateway;

  before(async () => {
    gateway = await startMockGateway({ port: 0, maxFamiliesPerPush: 1000, maxSeriesPerPush: 5000 });
  });

  after(async () => {
    await gateway.close();
  });

  it('answers 413 with the bound to a push of too many families, stores nothing and keeps serving', async () => {
    const body = Buffer.from(Array.from({ length: 1001 }, (_, i) => `family_${i} 1\n`).join(''), 'utf8');
    const answer = await send(gateway, 'PUT', '/metrics/job/many', body);
    assert.equal(answer.status, 413);
    assert.match(
      answer.body.toString('utf8'),
      /push has 1001 metric families: the mock gateway accepts at most 1000 per push \(raise it with pgw mock --max-families or the setting pushgateway\.mock\.maxFamiliesPerPush; the real Pushgateway has no limit\)\n$/,
    );
    assert.equal(gateway.store.group({ job: 'many' }), undefined);
    assert.equal((await send(gateway, 'GET', '/-/healthy')).status, 200);
  });

  it('answers 413 with the bound to a push of too many series, and accepts one at the bound', async () => {
    const answer = await send(gateway, 'POST', '/metrics/job/wide', bigFamily(5001, 1));
    assert.equal(answer.status, 413);
    assert.match(
      answer.body.toString('utf8'),
      /push has 5001 series: the mock gateway accepts at most 5000 per push \(raise it with pgw mock --max-series or the setting pushgateway\.mock\.maxSeriesPerPush; the real Pushgateway has no limit\)\n$/,
    );
    assert.equal(gateway.store.group({ job: 'wide' }), undefined);
    assert.equal((await send(gateway, 'POST', '/metrics/job/wide', bigFamily(5000, 1))).status, 200);
    assert.equal(gateway.store.group({ job: 'wide' })?.families.get('big_metric')?.family.metrics.length, 5000);
  });
});

describe('mock gateway: one big family', function () {
  // A bound on the work, far above what linear work needs and far below the quadratic's.
  let gateway: MockGateway;

  before(async () => {
    gateway = await startMockGateway({ port: 0 });
  });

  after(async () => {
    await gateway.close();
  });

  it(`stores a push of ${SERIES} series in one family, serves every series on /metrics and the API, replaces and deletes it`, async () => {
    assert.equal((await send(gateway, 'PUT', '/metrics/job/big', bigFamily(SERIES, 1))).status, 200);

    const exposition = await send(gateway, 'GET', '/metrics');
    assert.equal(exposition.status, 200, exposition.body.toString('utf8').slice(0, 200));
    assert.equal(countLines(exposition.body.toString('utf8'), 'big_metric{'), SERIES);

    const api = await send(gateway, 'GET', '/api/v1/metrics');
    assert.equal(api.status, 200);
    const group = (JSON.parse(api.body.toString('utf8')) as { data: { big_metric?: { metrics: unknown[] } }[] }).data[0];
    assert.equal(group.big_metric?.metrics.length, SERIES);

    assert.equal((await send(gateway, 'POST', '/metrics/job/big', bigFamily(SERIES, 2))).status, 200);
    const replaced = gateway.store.group({ job: 'big' })?.families.get('big_metric')?.family.metrics;
    assert.equal(replaced?.length, SERIES);
    assert.equal(replaced?.[SERIES - 1].gauge?.value, 2);

    assert.equal((await send(gateway, 'DELETE', '/metrics/job/big')).status, 202);
    assert.equal(gateway.store.group({ job: 'big' }), undefined);
    assert.equal((await send(gateway, 'GET', '/metrics')).status, 200);
  });

  it('refuses a push that repeats a series of one big family, as before', async () => {
    const body = Buffer.concat([bigFamily(SERIES, 1), Buffer.from('big_metric{i="7"} 3\n')]);
    const answer = await send(gateway, 'PUT', '/metrics/job/repeat', body);
    assert.equal(answer.status, 400);
    assert.match(answer.body.toString('utf8'), /was collected before with the same name and label values/);
    assert.equal(gateway.store.group({ job: 'repeat' })?.families.get('big_metric'), undefined);
  });
});
