import * as assert from 'node:assert/strict';
import { sendStep } from '../../gateway/client';
import { DEFAULT_LOG_MAX_BYTES, MAX_LOGGED_FAMILIES, MAX_LOGGED_TEXT, PushLog, PushLogEntry } from '../../../src/core/mock/http/pushLog';
import { MockGateway, startMockGateway } from '../../../src/core/mock/server';

function entry(path: string): PushLogEntry {
  return { time: '2024-01-01T00:00:00.000Z', method: 'GET', path, status: 200, bodyBytes: 0, families: [] };
}

interface LogJson {
  capacity: number;
  dropped: number;
  entries: PushLogEntry[];
}

async function readLog(gateway: MockGateway): Promise<LogJson> {
  const response = await sendStep(gateway.port, { method: 'GET', path: '/mock/v1/log' });
  assert.equal(response.status, 200);
  assert.equal(response.headers['content-type'], 'application/json');
  return JSON.parse(response.body.toString('utf8')) as LogJson;
}

describe('mock gateway: the push log', () => {
  describe('ring', () => {
    it('keeps the newest entries, oldest first, and counts the dropped ones', () => {
      const log = new PushLog(3);
      for (const path of ['/1', '/2', '/3', '/4', '/5']) {
        log.add(entry(path));
      }
      assert.deepEqual(
        log.entries().map((e) => e.path),
        ['/3', '/4', '/5'],
      );
      assert.equal(log.dropped, 2);
      assert.deepEqual(log.toJSON().capacity, 3);
      log.clear();
      assert.deepEqual(log.entries(), []);
    });

    it('refuses a capacity or a byte bound that is not a positive integer', () => {
      assert.throws(() => new PushLog(0), RangeError);
      assert.throws(() => new PushLog(1.5), RangeError);
      assert.throws(() => new PushLog(3, 0), RangeError);
    });

    it('cuts a long path, error, grouping label and family names, and keeps at most MAX_LOGGED_FAMILIES names', () => {
      const long = 'x'.repeat(MAX_LOGGED_TEXT + 10);
      const log = new PushLog(3);
      const families = Array.from({ length: MAX_LOGGED_FAMILIES + 5 }, (_, i) => `f${i}`);
      log.add({ ...entry(`/${long}`), error: long, groupingKey: { job: long }, families: [long, ...families] });
      const [kept] = log.entries();
      const cut = `${'x'.repeat(MAX_LOGGED_TEXT)}… (10 more characters)`;
      assert.equal(kept.path, `/${'x'.repeat(MAX_LOGGED_TEXT - 1)}… (11 more characters)`);
      assert.equal(kept.error, cut);
      assert.deepEqual(kept.groupingKey, { job: cut });
      assert.equal(kept.families.length, MAX_LOGGED_FAMILIES);
      assert.equal(kept.families[0], cut);
      assert.equal(kept.familiesOmitted, 6);
    });

    it('drops the oldest entries to stay under its byte bound, and keeps the newest entry', () => {
      const log = new PushLog(1000, 2000);
      for (let i = 0; i < 50; i++) {
        log.add(entry(`/${i}/${'y'.repeat(300)}`));
      }
      assert.ok(log.bytes <= 2000, `${log.bytes} bytes`);
      assert.ok(Buffer.byteLength(JSON.stringify(log.entries())) <= 2000 + log.entries().length);
      assert.equal(log.entries().at(-1)?.path.startsWith('/49/'), true);
      assert.equal(log.dropped + log.entries().length, 50);
      const tiny = new PushLog(10, 1);
      tiny.add(entry('/only'));
      assert.deepEqual(
        tiny.entries().map((e) => e.path),
        ['/only'],
      );
    });
  });

  describe('GET /mock/v1/log', function () {
    let gateway: MockGateway;

    beforeEach(async () => {
      gateway = await startMockGateway({ port: 0, logCapacity: 5 });
    });

    afterEach(async () => {
      await gateway.close();
    });

    it('records every request with its group, status, error, sizes (sent and answered) and families', async () => {
      await sendStep(gateway.port, { method: 'PUT', path: '/metrics/job/backup/instance/db', body: '# TYPE a gauge\na 1\nb 2\n' });
      await sendStep(gateway.port, { method: 'POST', path: '/metrics/job/backup', body: 'c 1 1\n' });
      await sendStep(gateway.port, { method: 'PUT', path: '/metrics/job/j/odd', body: 'x 1\n' });
      await sendStep(gateway.port, { method: 'GET', path: '/nope?x=1' });
      const log = await readLog(gateway);
      assert.deepEqual(
        log.entries.map(({ time: _time, ...rest }) => rest),
        [
          { method: 'PUT', path: '/metrics/job/backup/instance/db', groupingKey: { instance: 'db', job: 'backup' }, status: 200, bodyBytes: 23, answerBytes: 0, families: ['a', 'b'] },
          {
            method: 'POST',
            path: '/metrics/job/backup',
            groupingKey: { job: 'backup' },
            status: 400,
            error: 'pushed metrics are invalid or inconsistent with existing metrics: pushed metrics must not have timestamps',
            bodyBytes: 6,
            answerBytes: 106,
            families: ['c'],
          },
          { method: 'PUT', path: '/metrics/job/j/odd', status: 400, error: 'odd number of components in label string "/odd"', bodyBytes: 4, answerBytes: 48, families: [] },
          { method: 'GET', path: '/nope?x=1', status: 404, error: '404 page not found', bodyBytes: 0, answerBytes: 19, families: [] },
        ],
      );
      assert.ok(log.entries.every((e) => !Number.isNaN(Date.parse(e.time))));
    });

    it('does not log its own requests, and is bounded', async () => {
      for (let i = 0; i < 7; i++) {
        await sendStep(gateway.port, { method: 'GET', path: `/-/healthy?i=${i}` });
      }
      await readLog(gateway);
      const log = await readLog(gateway);
      assert.equal(log.entries.length, 5);
      assert.equal(log.dropped, 2);
      assert.equal(log.entries[0].path, '/-/healthy?i=2');
    });

    it('stays under its byte bound after pushes with 1 MiB paths, and still answers', async function () {
      // The default capacity (1000 entries), so only the byte bound limits the log: uncut, these
      // entries (path and grouping key) would take 24 MiB.
      const big = await startMockGateway({ port: 0 });
      try {
        const value = 'v'.repeat(1024 * 1024 - 100);
        for (let i = 0; i < 12; i++) {
          await sendStep(big.port, { method: 'PUT', path: `/metrics/job/${i}${value}`, body: 'x 1\n' });
        }
        const response = await sendStep(big.port, { method: 'GET', path: '/mock/v1/log' });
        assert.equal(response.status, 200);
        assert.ok(response.body.length < DEFAULT_LOG_MAX_BYTES + 64 * 1024, `${response.body.length} bytes`);
        const log = JSON.parse(response.body.toString('utf8')) as LogJson;
        assert.equal(log.entries.length, 12);
        assert.ok(log.entries.every((e) => e.path.length < MAX_LOGGED_TEXT + 100));
      } finally {
        await big.close();
      }
    });

    it('answers only GET', async () => {
      const response = await sendStep(gateway.port, { method: 'POST', path: '/mock/v1/log', body: '' });
      assert.equal(response.status, 405);
      assert.equal(response.headers.allow, 'GET');
    });
  });
});
