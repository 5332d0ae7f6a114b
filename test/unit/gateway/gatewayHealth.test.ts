import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { GatewayClient } from '../../../src/core/gateway/client';
import { failureTrend, isUnhealthy, OWN_METRIC_NAMES, parseOwnMetrics, probeVerdict } from '../../../src/core/gateway/gatewayHealth';
import { MockGateway, startMockGateway } from '../../../src/core/mock';

const OWN_METRICS = [
  '# HELP process_resident_memory_bytes Resident memory size in bytes.',
  '# TYPE process_resident_memory_bytes gauge',
  'process_resident_memory_bytes 1.4020608e+07',
  '# TYPE pushgateway_http_requests_total counter',
  'pushgateway_http_requests_total{code="200",handler="push",method="put"} 10',
  'pushgateway_http_requests_total{code="400",handler="push",method="put"} 3',
  'pushgateway_http_requests_total{code="503",handler="delete",method="delete"} 2',
  'pushgateway_http_requests_total{handler="push",code="404",method="post"} 1',
];

describe("a gateway's own health", () => {
  it('reads memory and the 4xx/5xx request count from its own metric lines', () => {
    assert.deepEqual(parseOwnMetrics(OWN_METRICS), { residentMemoryBytes: 14_020_608, failedRequests: 6 });
    assert.deepEqual(parseOwnMetrics([]), { residentMemoryBytes: undefined, failedRequests: 0 }, 'before any request, the family does not exist');
    assert.deepEqual(parseOwnMetrics(['pushgateway_http_requests_total{code="400"} NaN', 'pushgateway_http_requests_total{code="4000"} 5']), { residentMemoryBytes: undefined, failedRequests: 0 });
  });

  it('takes a probe as yes on 200, no on anything else, unknown on 404, 401, 403 (a proxy that does not pass it) or no answer', () => {
    assert.equal(probeVerdict(200), true);
    assert.equal(probeVerdict(503), false);
    assert.equal(probeVerdict(404), undefined);
    assert.equal(probeVerdict(401), undefined);
    assert.equal(probeVerdict(undefined), undefined);
    assert.equal(isUnhealthy({ healthy: true, ready: false, readAt: 0 }), true);
    assert.equal(isUnhealthy({ healthy: undefined, ready: true, readAt: 0 }), false);
  });

  it('gives the total on the first read and a rate per minute between two reads', () => {
    const first = { own: { failedRequests: 6 }, readAt: 60_000 };
    assert.deepEqual(failureTrend(first, undefined), { total: 6 });
    assert.deepEqual(failureTrend({ own: { failedRequests: 9 }, readAt: 180_000 }, first), { total: 9, perMinute: 1.5 });
    assert.deepEqual(failureTrend({ own: { failedRequests: 2 }, readAt: 180_000 }, first), { total: 2 }, 'a restarted gateway counts from 0 again');
    assert.equal(failureTrend({ readAt: 180_000 }, first), undefined, 'its /metrics could not be read');
  });

  describe('read from a gateway', () => {
    let gateway: MockGateway;
    let client: GatewayClient;

    before(async () => {
      gateway = await startMockGateway({ port: 0 });
      client = new GatewayClient({ baseUrl: `http://127.0.0.1:${gateway.port}` });
    });

    after(async () => {
      await client?.close();
      await gateway?.close();
    });

    it('probes /-/healthy and /-/ready, and counts a refused push', async () => {
      assert.deepEqual(await client.probe('/-/healthy'), { ok: true, value: 200 });
      assert.deepEqual(await client.probe('/-/ready'), { ok: true, value: 200 });
      const refused = await client.push({ key: { job: 'health_probe', labels: {} }, body: 'not a metric line at all\n', method: 'PUT' });
      assert.equal(refused.ok, false);
      const lines = await client.ownMetricLines(OWN_METRIC_NAMES);
      assert.ok(lines.ok);
      assert.ok(
        lines.value.every((line) => OWN_METRIC_NAMES.some((name) => line.startsWith(name))),
        'only the wanted lines are kept',
      );
      const own = parseOwnMetrics(lines.value);
      assert.equal(own.failedRequests, 1);
      assert.ok((own.residentMemoryBytes ?? 0) > 0);
    });
  });

  it('keeps only the wanted lines of a page split anywhere into chunks', async () => {
    const page = [...OWN_METRICS, ...Array.from({ length: 2000 }, (_, index) => `pushed_metric{instance="${index}"} ${index}`)].join('\n');
    const server = http.createServer((_request, response) => {
      response.writeHead(200);
      for (let at = 0; at < page.length; at += 333) {
        response.write(page.slice(at, at + 333));
      }
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new GatewayClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    try {
      const lines = await client.ownMetricLines(OWN_METRIC_NAMES);
      assert.ok(lines.ok);
      assert.deepEqual(
        lines.value,
        OWN_METRICS.filter((line) => !line.startsWith('#')),
      );
    } finally {
      await client.close();
      server.close();
    }
  });
});
