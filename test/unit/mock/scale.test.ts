import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import { familiesFromDelimited } from '../../../src/core/mock/body/fromProtobuf';
import { MockGateway, startMockGateway } from '../../../src/core/mock/server';
import { PROTOBUF_CONTENT_TYPE } from '../../gateway/protobuf';

// The mock at scale: what a request costs grows with what it touches, so one big family is
// stored, served and deleted like a small one. Before the series check was linear, a push of
// 20 000 series in one family took seconds and this one took many minutes (the suite's timeout
// catches a regression to quadratic work); GET /metrics then failed with a call stack overflow.

const SERIES = 150_000;

interface Answer {
  readonly status: number;
  readonly body: Buffer;
}

function send(gateway: MockGateway, method: string, path: string, body?: Buffer, accept?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'text/plain; version=0.0.4' };
    if (accept !== undefined) {
      headers.Accept = accept;
    }
    const req = http.request({ host: '127.0.0.1', port: gateway.port, method, path, headers }, (res) => {
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

/** `series` series in families of `perFamily` series each: small_<f>{j="<k>"}. */
function smallFamilies(series: number, perFamily: number): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < series; i++) {
    const family = Math.floor(i / perFamily);
    if (i % perFamily === 0) {
      lines.push(`# TYPE small_${family} gauge`);
    }
    lines.push(`small_${family}{j="${i % perFamily}"} ${i}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** The series of the families whose names start with `prefix` in a protobuf GET /metrics answer. */
function protobufSeries(answer: Answer, prefix: string): number {
  const families = familiesFromDelimited(answer.body, 'protobuf-go');
  assert.ok(families.ok, families.ok ? '' : families.error);
  return families.value.filter((family) => family.name.startsWith(prefix)).reduce((sum, family) => sum + family.metrics.length, 0);
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
    const protobuf = await send(gateway, 'GET', '/metrics', undefined, PROTOBUF_CONTENT_TYPE);
    assert.equal(protobuf.status, 200);
    assert.equal(protobufSeries(protobuf, 'big_metric'), SERIES);

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

describe('mock gateway: many small families in one push', function () {
  const SMALL_SERIES = 100_000;
  const PER_FAMILY = 10;
  let gateway: MockGateway;

  before(async () => {
    gateway = await startMockGateway({ port: 0 });
  });

  after(async () => {
    await gateway.close();
  });

  it(`stores ${SMALL_SERIES} series in families of ${PER_FAMILY} and serves every one on text and protobuf /metrics`, async () => {
    assert.equal((await send(gateway, 'PUT', '/metrics/job/small', smallFamilies(SMALL_SERIES, PER_FAMILY))).status, 200);
    assert.equal(gateway.store.group({ job: 'small' })?.families.size, SMALL_SERIES / PER_FAMILY + 2);
    const exposition = await send(gateway, 'GET', '/metrics');
    assert.equal(exposition.status, 200, exposition.body.toString('utf8').slice(0, 200));
    assert.equal(countLines(exposition.body.toString('utf8'), 'small_'), SMALL_SERIES);
    const protobuf = await send(gateway, 'GET', '/metrics', undefined, PROTOBUF_CONTENT_TYPE);
    assert.equal(protobuf.status, 200);
    assert.equal(protobufSeries(protobuf, 'small_'), SMALL_SERIES);
  });
});

describe('mock gateway: a 2 GB gzip bomb', function () {
  const INFLATED_BYTES = 2 * 1024 ** 3;
  const CHUNK = Buffer.alloc(1024 * 1024, 0x20);
  const RSS_GROWTH_BOUND = 300 * 1024 * 1024;
  let gateway: MockGateway;

  before(async () => {
    gateway = await startMockGateway({ port: 0 });
  });

  after(async () => {
    await gateway.close();
  });

  /** Streams 2 GB of spaces gzipped (made on the fly, chunked) until the gateway answers; resolves with the status. */
  function pushBomb(): Promise<number> {
    return new Promise((resolve, reject) => {
      let answered = false;
      const gzip = zlib.createGzip({ level: 1 });
      const req = http.request(
        { host: '127.0.0.1', port: gateway.port, method: 'PUT', path: '/metrics/job/bomb', headers: { 'Content-Type': 'text/plain; version=0.0.4', 'Content-Encoding': 'gzip' } },
        (res) => {
          answered = true;
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', (error) => {
        if (!answered) {
          reject(error);
        }
      });
      gzip.pipe(req);
      let fed = 0;
      const feed = () => {
        while (!answered && fed < INFLATED_BYTES) {
          fed += CHUNK.length;
          if (!gzip.write(CHUNK)) {
            gzip.once('drain', feed);
            return;
          }
        }
        gzip.end();
      };
      feed();
    });
  }

  it('is refused with a 4xx while it streams, the resident memory grows by less than 300 MB, and the gateway keeps serving', async () => {
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
    let status: number;
    try {
      status = await pushBomb();
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage.rss());
    assert.ok(status >= 400 && status < 500, `answered ${status}`);
    assert.ok(peak - before < RSS_GROWTH_BOUND, `resident memory grew by ${((peak - before) / 1024 ** 2).toFixed(0)} MB`);
    assert.equal(gateway.store.group({ job: 'bomb' }), undefined);
    assert.equal((await send(gateway, 'GET', '/-/healthy')).status, 200);
  });
});
