import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WriteClock } from '../../../src/core/mock/clock';
import { familiesFromText } from '../../../src/core/mock/body/fromText';
import { CHECK_RULES_1_5 } from '../../../src/core/mock/store/metricChecks';
import { GATEWAY_TARGET_1_5, GatewayTarget } from '../../../src/core/protocol/gatewayTarget';
import { goDurationText } from '../../../src/core/goemu/goFormat';
import { writeFileAtomically } from '../../../src/core/mock/store/persistenceFile';
import { decodeStore, encodeStore, PersistenceError } from '../../../src/core/mock/store/persistenceFormat';
import { SelfMetrics } from '../../../src/core/mock/store/selfMetrics';
import { MockGateway, startMockGateway } from '../../../src/core/mock/server';
import { MockStore, PushOutcome } from '../../../src/core/mock/store/store';
import { GroupingLabels } from '../../../src/core/mock/store/sanitize';
import { encodeDelimited as encodeTodayDelimited } from '../../gateway/protobuf';

const TEXT = { 'Content-Type': 'text/plain; version=0.0.4' };

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

async function send(gateway: MockGateway, method: string, urlPath: string, body?: string | Buffer): Promise<{ status: number; text: string }> {
  const response = await fetch(gateway.url + urlPath, { method, body, headers: body === undefined ? {} : TEXT });
  return { status: response.status, text: await response.text() };
}

/** /metrics without the gateway's own families (process, go and request metrics change with every request). */
async function pushedMetrics(gateway: MockGateway): Promise<string> {
  const { status, text } = await send(gateway, 'GET', '/metrics');
  assert.equal(status, 200, text);
  return text
    .split('\n')
    .filter((line) => !/^(# (HELP|TYPE) )?(go_|process_|pushgateway_)/.test(line))
    .join('\n');
}

async function apiMetrics(gateway: MockGateway): Promise<string> {
  const { status, text } = await send(gateway, 'GET', '/api/v1/metrics');
  assert.equal(status, 200, text);
  return text;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The id of a child process that has exited (and so names no running process). */
function exitedProcessId(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid ?? 0));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A store whose clock ticks one second per write from `startTick` seconds after 2024-01-01. */
function storeFrom(startTick: number): MockStore {
  let tick = startTick;
  const start = Date.UTC(2024, 0, 1);
  return new MockStore(new SelfMetrics(start / 1000), new WriteClock(() => new Date(start + 1000 * tick++)), CHECK_RULES_1_5);
}

function push(store: MockStore, grouping: GroupingLabels, text: string | Buffer, replace = true): PushOutcome {
  const parsed = familiesFromText(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, GATEWAY_TARGET_1_5);
  assert.ok(parsed.ok);
  return store.push({ grouping, families: parsed.value, replace });
}

const HISTOGRAM = `# HELP latency_seconds How long it took.
# TYPE latency_seconds histogram
latency_seconds_bucket{le="0.1"} 3
latency_seconds_bucket{le="1"} 7
latency_seconds_bucket{le="+Inf"} 9
latency_seconds_sum 4.25
latency_seconds_count 9
`;
const SUMMARY = `# TYPE rpc_seconds summary
rpc_seconds{quantile="0.5"} 0.2
rpc_seconds{quantile="0.99"} NaN
rpc_seconds_sum 12.5
rpc_seconds_count 18
`;

describe('mock gateway: persistence', function () {
  let dir: string;
  let file: string;
  const running: MockGateway[] = [];

  async function start(options: { persistenceIntervalMs?: number; onPersistenceError?: (error: PersistenceError) => void; target?: GatewayTarget } = {}): Promise<MockGateway> {
    const gateway = await startMockGateway({ port: 0, persistenceFile: file, ...options });
    running.push(gateway);
    return gateway;
  }

  async function stop(gateway: MockGateway): Promise<void> {
    running.splice(running.indexOf(gateway), 1);
    await gateway.close();
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-persistence-'));
    file = path.join(dir, 'store.json');
  });

  afterEach(async () => {
    for (const gateway of running.splice(0)) {
      await gateway.close().catch(() => undefined);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers /metrics and /api/v1/metrics exactly as before a restart', async () => {
    const first = await start();
    assert.equal((await send(first, 'PUT', '/metrics/job/batch/instance/a', '# HELP done Last run.\n# TYPE done gauge\ndone 1.7e+09\nzero -0\ninf{kind="x"} +Inf\n')).status, 200);
    assert.equal((await send(first, 'PUT', '/metrics/job/batch/instance/b', HISTOGRAM)).status, 200);
    assert.equal((await send(first, 'POST', '/metrics/job/batch/instance/b', SUMMARY)).status, 200);
    assert.equal((await send(first, 'PUT', `/metrics/job@base64/${b64('a/job')}/path@base64/${b64('x/y é')}/instance@base64/=`, 'untyped_thing 3\n')).status, 200);
    // A refused push to an existing group (type clash) and one to a new group (time stamp).
    assert.equal((await send(first, 'POST', '/metrics/job/batch/instance/b', '# TYPE done counter\ndone 2\n')).status, 400);
    assert.equal((await send(first, 'PUT', '/metrics/job/failed', 'x 1 1700000000000\n')).status, 400);
    // POST of a new family to the first group, after other groups got theirs: gather order differs from group order.
    assert.equal((await send(first, 'POST', '/metrics/job/batch/instance/a', '# TYPE late gauge\nlate 5\n')).status, 200);
    assert.equal((await send(first, 'DELETE', '/metrics/job/batch/instance/gone')).status, 202);
    const metricsBefore = await pushedMetrics(first);
    const apiBefore = await apiMetrics(first);
    const savedBefore = encodeStore(first.store);
    await stop(first);
    assert.ok(fs.existsSync(file));

    const second = await start();
    assert.equal(await pushedMetrics(second), metricsBefore);
    assert.equal(await apiMetrics(second), apiBefore);
    assert.equal(encodeStore(second.store), savedBefore);
    assert.match(apiBefore, /"last_push_successful":false/);
    assert.match(metricsBefore, /rpc_seconds_count\{instance="b",job="batch"\} 18\n/);
    assert.equal(fs.readdirSync(dir).join(), 'store.json');
  });

  it('keeps float counts and native histograms (1.11) across a restart', async () => {
    const first = await start();
    const protobuf = { 'Content-Type': 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited' };
    const families = [
      {
        name: 'native_int',
        type: 'HISTOGRAM',
        metric: [{ histogram: { sampleCount: 5, sampleSum: 12.5, schema: 0, zeroThreshold: 1e-128, zeroCount: 1, positiveSpan: [{ offset: 0, length: 2 }], positiveDelta: [2, 0] } }],
      },
      {
        name: 'native_float',
        type: 'HISTOGRAM',
        metric: [{ histogram: { sampleCountFloat: 4.5, sampleSum: 9, schema: 1, zeroCountFloat: 0.5, negativeSpan: [{ offset: -1, length: 2 }], negativeCount: [1.5, 2.5] } }],
      },
    ];
    const pushed = await fetch(`${first.url}/metrics/job/native`, { method: 'PUT', body: encodeTodayDelimited(families), headers: protobuf });
    assert.equal(pushed.status, 200, await pushed.text());
    assert.equal((await send(first, 'PUT', '/metrics/job/floats', '# TYPE h histogram\nh_bucket{le="1"} 0.5\nh_bucket{le="+Inf"} 2.5\nh_count 2.5\n')).status, 200);
    const apiBefore = await apiMetrics(first);
    const savedBefore = encodeStore(first.store);
    await stop(first);

    const second = await start();
    assert.equal(await apiMetrics(second), apiBefore);
    assert.equal(encodeStore(second.store), savedBefore);
    assert.match(apiBefore, /"buckets":\[\[3,"-1e-128","1e-128","1"\],\[0,"0.5","1","2"\],\[0,"1","2","2"\]\]/);
    assert.match(apiBefore, /"buckets":\[\[1,"-1","-0.7071067811865475","2.5"\],\[1,"-0.7071067811865475","-0.5","1.5"\],\[3,"-0","0","0.5"\]\]/);
    assert.match(apiBefore, /"buckets":\{"\+Inf":"2.5","1":"0.5"\},"count":"2.5"/);
  });

  it('lists a broken native histogram stored by 1.11 when restarted as 1.5 (which knows no native histograms)', async () => {
    const first = await start();
    // test/fixtures/gateway/today/cases/native-schema-out-of-range.json: schema 9, which 1.11.2 fails to list.
    const schema9 = Buffer.from('VAoXYmFja3VwX2R1cmF0aW9uX3NlY29uZHMSEUhvdyBsb25nIGl0IHRvb2suGAQiJDoiCAURAAAAAAAAKUAoEjGdl4zPCLpbJTgBYgQIABACaARoAA==', 'base64');
    const protobuf = { 'Content-Type': 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited' };
    assert.equal((await fetch(`${first.url}/metrics/job/nightly_backup`, { method: 'PUT', body: schema9, headers: protobuf })).status, 200);
    await assert.rejects(fetch(`${first.url}/api/v1/metrics`));
    await stop(first);

    const second = await start({ target: GATEWAY_TARGET_1_5 });
    assert.match(await apiMetrics(second), /backup_duration_seconds/);
  });

  it('keeps consistency checks as if the pushes had been made live', () => {
    const live = storeFrom(0);
    const helpWithByte = Buffer.concat([Buffer.from('# HELP odd a byte: '), Buffer.from([0xff]), Buffer.from('\nodd 1\n')]);
    const history: [GroupingLabels, string | Buffer, boolean][] = [
      [{ job: 'a' }, '# TYPE m gauge\nm{x="1"} 1\n', true],
      [{ job: 'b' }, '# TYPE n counter\nn_total 1\n', true],
      [{ job: 'a' }, '# TYPE m gauge\nm{x="1"} 2\n# TYPE o gauge\no 1\n', true],
      [{ job: 'b' }, '# TYPE m gauge\nm{x="2"} 3\n', false],
      [{ job: 'c' }, helpWithByte, true],
      [{ job: 'c' }, 'm{x="1"} 1\n', false],
    ];
    for (const [grouping, text, replace] of history) {
      push(live, grouping, text, replace);
    }
    const restored = storeFrom(history.length);
    const decoded = decodeStore(encodeStore(live), 'test');
    restored.restore(decoded.groups, decoded.gatherOrder);
    assert.deepEqual([...restored.gatherOrder()], [...live.gatherOrder()]);
    assert.deepEqual(restored.gatherErrorMessages(), live.gatherErrorMessages());
    const probes: [GroupingLabels, string, boolean][] = [
      [{ job: 'd' }, '# TYPE m counter\nm{x="9"} 1\n', true],
      [{ job: 'd' }, 'm{x="1",instance="",job="a"} 1\n', false],
      [{ job: 'b' }, '# TYPE n_total gauge\nn_total 1\n', false],
      [{ job: 'a' }, '', true],
      [{ job: 'e' }, '# TYPE o gauge\no{instance=""} 1\n', true],
    ];
    for (const [grouping, text, replace] of probes) {
      assert.deepEqual(push(restored, grouping, text, replace), push(live, grouping, text, replace), text);
      assert.equal(encodeStore(restored), encodeStore(live));
    }
  });

  it("finds a stored family that clashes with the gateway's own metrics inconsistent after a restart, as before", async () => {
    const body = '# TYPE pushgateway_http_requests_total gauge\npushgateway_http_requests_total 1\n';
    const first = await start();
    assert.equal((await send(first, 'PUT', '/metrics/job/j', body)).status, 200);
    const refusedBefore = await send(first, 'PUT', '/metrics/job/k', 'a 1\n');
    assert.equal(refusedBefore.status, 400);
    const scrapeBefore = await send(first, 'GET', '/metrics');
    assert.equal(scrapeBefore.status, 500);
    await stop(first);
    const second = await start();
    // The gateway's own family is process state: it appears again with the first counted request.
    assert.equal((await send(second, 'DELETE', '/metrics/job/nothing')).status, 202);
    assert.deepEqual(await send(second, 'PUT', '/metrics/job/k', 'a 1\n'), refusedBefore);
    assert.deepEqual(await send(second, 'GET', '/metrics'), scrapeBefore);
  });

  it('starts empty from a missing file and writes on the interval only when the store changed', async () => {
    const gateway = await start({ persistenceIntervalMs: 30 });
    await sleep(150);
    assert.ok(!fs.existsSync(file), 'nothing changed, nothing written');
    await send(gateway, 'PUT', '/metrics/job/j', 'a 1\n');
    await waitFor(() => fs.existsSync(file), 'the first write');
    const written = fs.statSync(file);
    await sleep(150);
    const after = fs.statSync(file);
    assert.equal(after.ino, written.ino, 'an unchanged store is not written again');
    assert.equal(after.mtimeMs, written.mtimeMs);
    await send(gateway, 'PUT', '/metrics/job/k', 'b 1\n');
    await waitFor(() => fs.statSync(file).ino !== written.ino, 'the write after a change');
    assert.match(fs.readFileSync(file, 'utf8'), /"k"/);
  });

  it('replaces the file atomically: a reader never sees a partial file, no temp file stays', async () => {
    const gateway = await start({ persistenceIntervalMs: 1 });
    const big = Array.from({ length: 2000 }, (_, i) => `series{n="${i}"} ${i}`).join('\n');
    let reads = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        if (fs.existsSync(file)) {
          const text = fs.readFileSync(file, 'utf8');
          assert.doesNotThrow(() => JSON.parse(text), 'a reader saw a partial file');
          reads++;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let i = 0; i < 40; i++) {
      assert.equal((await send(gateway, 'PUT', `/metrics/job/j${i % 4}`, `${big}\n`)).status, 200);
      await sleep(2);
    }
    writing = false;
    await reader;
    await stop(gateway);
    assert.ok(reads > 10, `only ${reads} reads`);
    assert.deepEqual(fs.readdirSync(dir), ['store.json']);
    for (let i = 0; i < 20; i++) {
      await writeFileAtomically(file, `{"n":${i}}`);
    }
    assert.deepEqual(fs.readdirSync(dir), ['store.json']);
  });

  it('refuses to start from a corrupt file, says what is wrong, and leaves the file alone', async () => {
    const cases: [string, RegExp][] = [
      ['{"version": 1, "groups": [', /is corrupt: not valid JSON/],
      ['{"version": 7, "groups": [], "gatherOrder": []}', /is corrupt: version: expected 1, found 7/],
      [
        '{"version": 1, "groups": [{"labels": [["job", "j"]], "families": [{"name": "a", "written": 1, "metrics": [{"labels": [], "histogram": {"sampleCount": 3, "buckets": []}}]}]}], "gatherOrder": [["a", [0]]]}',
        /groups\[0\]\.families\[0\]\.metrics\[0\]\.histogram\.sampleCount: expected an integer as a decimal string/,
      ],
      ['{"version": 1, "groups": [{"labels": [["job", "j"]], "families": [{"name": "a", "written": 1, "metrics": []}]}], "gatherOrder": []}', /gatherOrder: the family "a" of group 0 is missing/],
    ];
    for (const [text, message] of cases) {
      fs.writeFileSync(file, text);
      await assert.rejects(startMockGateway({ port: 0, persistenceFile: file }), (error: Error) => {
        assert.ok(error instanceof PersistenceError);
        assert.ok(error.message.includes(file), error.message);
        assert.match(error.message, message);
        return true;
      });
      assert.equal(fs.readFileSync(file, 'utf8'), text);
    }
    assert.deepEqual(fs.readdirSync(dir), ['store.json']);
  });

  it("recognises the real Pushgateway's gob file, says the mock cannot read it, and leaves it alone", async () => {
    for (const release of ['1.5.1', '1.11.2']) {
      const recorded = fs.readFileSync(path.join('test', 'fixtures', 'gateway', 'persistence', `real-${release}.gob`));
      fs.writeFileSync(file, recorded);
      await assert.rejects(startMockGateway({ port: 0, persistenceFile: file }), (error: Error) => {
        assert.ok(error instanceof PersistenceError);
        assert.match(error.message, /was written by the real Pushgateway \(a Go gob\); the mock cannot read it/);
        assert.ok(error.message.includes(file), error.message);
        return true;
      });
      assert.ok(fs.readFileSync(file).equals(recorded));
    }
  });

  it('removes the temp file of a write that crashed between writing and renaming, and loads the file as it was', async () => {
    const before = await start({});
    assert.equal((await send(before, 'PUT', '/metrics/job/kept', 'kept_metric 1\n')).status, 200);
    await stop(before);
    // What a process killed after its write and before its rename leaves: a temp file with its pid.
    const deadPid = await exitedProcessId();
    const stray = path.join(dir, `.store.json.${deadPid}.0123456789ab.tmp`);
    fs.writeFileSync(stray, '{"version": 1, "groups": [');
    // A temp file of a process still running is its write in progress: left alone.
    const inProgress = path.join(dir, `.store.json.${process.ppid}.0123456789ab.tmp`);
    fs.writeFileSync(inProgress, '{');
    const after = await start({});
    assert.match(await pushedMetrics(after), /kept_metric\{instance="",job="kept"\} 1/);
    assert.deepEqual(fs.readdirSync(dir).sort(), [path.basename(inProgress), 'store.json']);
    fs.rmSync(inProgress);
    await stop(after);
  });

  it('refuses to start from a file it cannot read', async () => {
    fs.mkdirSync(file);
    await assert.rejects(startMockGateway({ port: 0, persistenceFile: file }), new RegExp(`cannot read the mock gateway's persistence file ${file.replace(/[.\\]/g, '\\$&')}: EISDIR`));
  });

  it('reports a write it cannot make and keeps serving', async () => {
    const errors: PersistenceError[] = [];
    const gateway = await start({ persistenceIntervalMs: 20, onPersistenceError: (error) => errors.push(error) });
    fs.rmSync(dir, { recursive: true });
    assert.equal((await send(gateway, 'PUT', '/metrics/job/j', 'a 1\n')).status, 200);
    await waitFor(() => errors.length > 0, 'the write error');
    assert.match(errors[0].message, new RegExp(`^cannot write the mock gateway's persistence file ${file.replace(/[.\\]/g, '\\$&')}: ENOENT`));
    assert.equal((await send(gateway, 'PUT', '/metrics/job/k', 'b 1\n')).status, 200);
    assert.equal((await send(gateway, 'GET', '/-/healthy')).status, 200);
    await assert.rejects(stop(gateway), /cannot write the mock gateway's persistence file/);
  });

  it('shows the persistence flags on the status page', async () => {
    const gateway = await start();
    const status = JSON.parse((await send(gateway, 'GET', '/api/v1/status')).text) as { data: { flags: Record<string, string> } };
    assert.equal(status.data.flags['persistence.file'], file);
    assert.equal(status.data.flags['persistence.interval'], '5m0s');
    assert.deepEqual([0, 250, 1000, 1500, 90_000, 3_600_000].map(goDurationText), ['0s', '250ms', '1s', '1.5s', '1m30s', '1h0m0s']);
  });
});
