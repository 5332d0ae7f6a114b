import * as assert from 'node:assert/strict';
import { sendStep } from '../../gateway/client';
import { PushLog, PushLogEntry } from '../../../src/core/mock/http/pushLog';
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

    it('refuses a capacity that is not a positive integer', () => {
      assert.throws(() => new PushLog(0), RangeError);
      assert.throws(() => new PushLog(1.5), RangeError);
    });
  });

  describe('GET /mock/v1/log', function () {
    this.timeout(10_000);
    let gateway: MockGateway;

    beforeEach(async () => {
      gateway = await startMockGateway({ port: 0, logCapacity: 5 });
    });

    afterEach(async () => {
      await gateway.close();
    });

    it('records every request with its group, status, error, size and families', async () => {
      await sendStep(gateway.port, { method: 'PUT', path: '/metrics/job/backup/instance/db', body: '# TYPE a gauge\na 1\nb 2\n' });
      await sendStep(gateway.port, { method: 'POST', path: '/metrics/job/backup', body: 'c 1 1\n' });
      await sendStep(gateway.port, { method: 'PUT', path: '/metrics/job/j/odd', body: 'x 1\n' });
      await sendStep(gateway.port, { method: 'GET', path: '/nope?x=1' });
      const log = await readLog(gateway);
      assert.deepEqual(
        log.entries.map(({ time: _time, ...rest }) => rest),
        [
          { method: 'PUT', path: '/metrics/job/backup/instance/db', groupingKey: { instance: 'db', job: 'backup' }, status: 200, bodyBytes: 23, families: ['a', 'b'] },
          {
            method: 'POST',
            path: '/metrics/job/backup',
            groupingKey: { job: 'backup' },
            status: 400,
            error: 'pushed metrics are invalid or inconsistent with existing metrics: pushed metrics must not have timestamps',
            bodyBytes: 6,
            families: ['c'],
          },
          { method: 'PUT', path: '/metrics/job/j/odd', status: 400, error: 'odd number of components in label string "/odd"', bodyBytes: 4, families: [] },
          { method: 'GET', path: '/nope?x=1', status: 404, error: '404 page not found', bodyBytes: 0, families: [] },
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

    it('answers only GET', async () => {
      const response = await sendStep(gateway.port, { method: 'POST', path: '/mock/v1/log', body: '' });
      assert.equal(response.status, 405);
      assert.equal(response.headers.allow, 'GET');
    });
  });
});
