// `npm run bench:mock`: how push latency and throughput of the mock gateway hold up as it fills,
// next to the real Pushgateway 1.5.1 (Debian's prometheus-pushgateway) when it is installed.
//   For each gateway, filled to 1, 1 000 and 10 000 groups (PUT /metrics/job/bench/instance/i<N>,
//   a small realistic push each, a few keep-alive connections at a time):
//   (a) latency of a PUT to a fixed extra group: median and p99 of 200 sequential pushes
//   (b) throughput: pushes/s over 2 s with 8 concurrent connections, each PUTting to groups of its own
// The mock runs in a child process of its own (this script with --serve-mock), like the real one,
// so that the bench's client does not share its event loop.
// The real gateway slows down as it fills (its consistency check gathers every group), so it is
// filled only as far as a time budget allows; the size actually reached is printed.
// Then the scale axes (scripts/mockBench/scaleAxes.ts): one push of 1k … 50k series in one family,
// of 1k … 50k families, and of 10k … 50k series in families of 10, to a fresh mock and a fresh real
// gateway each (1.11.2 from `npm run reference:fetch` and the system's 1.5.1, those that can run),
// with push latency, /-/healthy meanwhile, text and protobuf /metrics after, RSS and peak RSS;
// `--big` adds 100k and 250k series and 100k of the others, `--skip-groups` leaves out the groups axis.
// Targets are printed beside the figures; missing one never fails the bench (exit 0), errors do (exit 1).
// Every process started is stopped, also on Ctrl-C. Everything listens on 127.0.0.1 only.
import { ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as os from 'node:os';
import { startMockGateway } from '../src/core/mock';
import { runScript, spawnTracked, stopProcess, versionLine, withTimeout } from './reference/processes';
import { PUSHGATEWAY_BINARY, startPushgateway } from './reference/pushgateway';
import { median } from './reference/stats';
import { Axis, AXES, AxisName, runAxis, ScalePoint } from './mockBench/scaleAxes';
import { repoRoot } from './host/paths';
import { referenceTarget } from './reference/targets';

const HOST = '127.0.0.1';
const SIZES = [1, 1_000, 10_000] as const;
const FILL_CONNECTIONS = 4;
/** Enough for the mock's JIT to settle before the first size is measured; at most LATENCY_WARMUP_MS on a slow gateway. */
const LATENCY_WARMUP_PUSHES = 1_000;
const LATENCY_WARMUP_MS = 2_000;
const LATENCY_PUSHES = 200;
/** A slow gateway gets fewer latency pushes (at least MIN_LATENCY_PUSHES) so the bench stays near 4 minutes. */
const LATENCY_BUDGET_MS = 20_000;
const MIN_LATENCY_PUSHES = 20;
const THROUGHPUT_CONNECTIONS = 8;
const THROUGHPUT_GROUPS_PER_CONNECTION = 16;
const THROUGHPUT_MS = 2_000;
/** The whole fill of the real gateway (all sizes together) stops after this long. */
const REAL_FILL_BUDGET_MS = 165_000;
const MOCK_START_TIMEOUT_MS = 10_000;
const SERVE_MOCK_FLAG = '--serve-mock';
const REQUEST_TIMEOUT_MS = 30_000;
const LATENCY_RATIO_TARGET = 1.2;

// --- pushing --------------------------------------------------------------------------------------

interface Target {
  readonly port: number;
  readonly agent: http.Agent;
}

/** A small push like a backup job's: a few gauges and a counter with a label. */
function pushBody(n: number): string {
  return [
    '# HELP backup_duration_seconds How long the last backup took.',
    '# TYPE backup_duration_seconds gauge',
    `backup_duration_seconds ${(10 + (n % 97) / 10).toFixed(1)}`,
    '# HELP backup_last_success_unixtime When the last backup succeeded.',
    '# TYPE backup_last_success_unixtime gauge',
    `backup_last_success_unixtime ${1_732_000_000 + n}`,
    '# HELP backup_bytes_total Bytes written by the backup.',
    '# TYPE backup_bytes_total counter',
    `backup_bytes_total{database="orders"} ${1_000_000 + n * 17}`,
    `backup_bytes_total{database="customers"} ${500_000 + n * 13}`,
    '',
  ].join('\n');
}

function groupPath(instance: string): string {
  return `/metrics/job/bench/instance/${instance}`;
}

/** One request; resolves with the status once the whole answer has been read. */
function request(target: Target, method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = body === undefined ? {} : { 'Content-Type': 'text/plain; version=0.0.4', 'Content-Length': Buffer.byteLength(body) };
    const req = http.request({ host: HOST, port: target.port, method, path, agent: target.agent, headers, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} got no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** A PUT that must succeed (200). */
async function put(target: Target, path: string, body: string): Promise<void> {
  const answer = await request(target, 'PUT', path, body);
  if (answer.status !== 200) {
    throw new Error(`PUT ${path} answered ${answer.status}: ${answer.text.trim()}`);
  }
}

async function remove(target: Target, path: string): Promise<void> {
  const answer = await request(target, 'DELETE', path);
  if (answer.status !== 202) {
    throw new Error(`DELETE ${path} answered ${answer.status}: ${answer.text.trim()}`);
  }
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `task(i)` for i from `from` up to `to` (excluded) on `workers` loops, stopping early past `deadline` (ms since epoch). Returns how far it got. */
async function runUpTo(from: number, to: number, workers: number, deadline: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = from;
  let done = from;
  const worker = async () => {
    while (next < to && Date.now() < deadline) {
      await task(next++);
      done++;
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return done;
}

/** Fills the gateway with groups i<count>..i<size-1>; returns the number of groups reached. */
function fill(target: Target, count: number, size: number, deadline: number): Promise<number> {
  return runUpTo(count, size, FILL_CONNECTIONS, deadline, (i) => put(target, groupPath(`i${i}`), pushBody(i)));
}

// --- measuring ------------------------------------------------------------------------------------

interface Latency {
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly pushes: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

/** Sequential PUTs to one extra group, after a short warm-up. */
async function measureLatency(target: Target): Promise<Latency> {
  const path = groupPath('latency');
  const warmupEnd = Date.now() + LATENCY_WARMUP_MS;
  for (let i = 0; i < LATENCY_WARMUP_PUSHES && Date.now() < warmupEnd; i++) {
    await put(target, path, pushBody(i));
  }
  const times: number[] = [];
  const started = Date.now();
  while (times.length < LATENCY_PUSHES && (times.length < MIN_LATENCY_PUSHES || Date.now() - started < LATENCY_BUDGET_MS)) {
    const start = process.hrtime.bigint();
    await put(target, path, pushBody(times.length));
    times.push(elapsedMs(start));
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: median(sorted), p99Ms: percentile(sorted, 0.99), pushes: sorted.length };
}

function throughputPath(connection: number, push: number): string {
  return groupPath(`t${connection}-${push % THROUGHPUT_GROUPS_PER_CONNECTION}`);
}

/** Pushes/s of THROUGHPUT_CONNECTIONS connections PUTting for THROUGHPUT_MS, each to its own groups; the groups are deleted afterwards. */
async function measureThroughput(target: Target): Promise<number> {
  const start = process.hrtime.bigint();
  const deadline = Date.now() + THROUGHPUT_MS;
  const counts = await Promise.all(
    Array.from({ length: THROUGHPUT_CONNECTIONS }, async (_, connection) => {
      let pushes = 0;
      while (Date.now() < deadline) {
        await put(target, throughputPath(connection, pushes), pushBody(pushes));
        pushes++;
      }
      return pushes;
    }),
  );
  const seconds = elapsedMs(start) / 1000;
  const total = counts.reduce((sum, count) => sum + count, 0);
  const paths = Array.from({ length: THROUGHPUT_CONNECTIONS * THROUGHPUT_GROUPS_PER_CONNECTION }, (_, i) => throughputPath(i % THROUGHPUT_CONNECTIONS, Math.floor(i / THROUGHPUT_CONNECTIONS)));
  await runUpTo(0, paths.length, FILL_CONNECTIONS, Infinity, (i) => remove(target, paths[i]));
  return total / seconds;
}

interface Measurement {
  /** The size asked for and the number of filled groups reached. */
  readonly size: number;
  readonly reached: number;
  readonly fillSeconds: number;
  readonly latency: Latency;
  readonly pushesPerSecond: number;
}

/** Fills a gateway size by size (until `fillDeadline`) and measures at each size. */
async function benchGateway(name: string, port: number, fillDeadline: number): Promise<Measurement[]> {
  const target: Target = { port, agent: new http.Agent({ keepAlive: true, maxSockets: THROUGHPUT_CONNECTIONS }) };
  const results: Measurement[] = [];
  try {
    let count = 0;
    for (const size of SIZES) {
      const start = process.hrtime.bigint();
      count = await fill(target, count, size, fillDeadline);
      const fillSeconds = elapsedMs(start) / 1000;
      const latency = await measureLatency(target);
      const pushesPerSecond = await measureThroughput(target);
      results.push({ size, reached: count, fillSeconds, latency, pushesPerSecond });
      console.log(
        `  ${name}: ${formatGroups(count)}${count < size ? ` (of ${formatCount(size)}: fill budget used up)` : ''}, filled in ${fillSeconds.toFixed(1)} s; median ${formatMs(latency.medianMs)}, p99 ${formatMs(latency.p99Ms)}, ${pushesPerSecond.toFixed(0)} pushes/s`,
      );
      if (count < size) {
        break;
      }
    }
  } finally {
    target.agent.destroy();
  }
  return results;
}

/** In the child: serve a mock on a free port, print it, and exit when the parent closes stdin (also when it dies). */
async function serveMock(): Promise<void> {
  const gateway = await startMockGateway({ host: HOST, port: 0, logCapacity: 100 });
  process.stdin.on('end', () => void gateway.close().then(() => process.exit(0)));
  process.stdin.resume();
  console.log(`listening on ${gateway.url}`);
}

function mockPort(child: ChildProcess): Promise<number> {
  let output = '';
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/m.exec(output);
      if (match) {
        resolve(Number(match[1]));
      }
    });
    child.once('error', (error) => reject(new Error(`cannot start the mock: ${error.message}`)));
    child.once('exit', (code, signal) => reject(new Error(`the mock exited (${signal ?? `exit ${code}`}) before listening:\n${output}`)));
  });
  return withTimeout(listening, MOCK_START_TIMEOUT_MS, 'starting the mock', () => child.kill('SIGKILL'));
}

/** Runs `run` against a mock in a child process of its own. */
async function withMockChild<T>(run: (port: number, pid: number | undefined) => Promise<T>): Promise<T> {
  const child = spawnTracked(process.execPath, [__filename, SERVE_MOCK_FLAG], ['pipe', 'pipe', 'inherit']);
  try {
    return await run(await mockPort(child), child.pid);
  } finally {
    await stopProcess(child);
  }
}

function benchMock(): Promise<Measurement[]> {
  return withMockChild((port) => benchGateway('mock', port, Infinity));
}

const BIG_FLAG = '--big';
const SKIP_GROUPS_FLAG = '--skip-groups';

/** A real gateway the scale axes run beside the mock. */
interface RealGateway {
  readonly label: string;
  readonly binary: string;
}

/** Today's Pushgateway (`npm run reference:fetch`) and the system's, each when it can run. */
function realGateways(): RealGateway[] {
  const today = referenceTarget('1.11', repoRoot()).pushgateway;
  const candidates = [
    { binary: today, fallback: '1.11' },
    { binary: PUSHGATEWAY_BINARY, fallback: 'system' },
  ];
  const gateways: RealGateway[] = [];
  for (const { binary, fallback } of candidates) {
    const version = versionLine(binary);
    if (version !== undefined) {
      gateways.push({ label: `real ${/version (\S+)/.exec(version)?.[1] ?? fallback}`, binary });
    }
  }
  return gateways;
}

function axisSizes(axis: Axis): number[] {
  return [...axis.sizes, ...(process.argv.includes(BIG_FLAG) ? axis.bigSizes : [])];
}

function logPoint(name: string, axis: AxisName): (point: ScalePoint) => void {
  return (point) =>
    console.log(
      `  ${name} ${axis} ${formatCount(point.size)} (${(point.bodyBytes / 1e6).toFixed(1)} MB): push ${point.pushStatus} in ${formatMs(point.pushMs)} (slowest /-/healthy meanwhile ${formatMs(point.healthyMaxMs)} of ${point.healthyProbes}), /metrics ${point.metricsStatus} in ${formatMs(point.metricsMs)}, protobuf ${point.protobufStatus} in ${formatMs(point.protobufMs)}, again ${point.againStatus} in ${formatMs(point.againMs)}, RSS ${formatMb(point.rssMb)}, peak ${formatMb(point.peakRssMb)}`,
    );
}

interface AxisRun {
  readonly label: string;
  readonly points: ScalePoint[];
}

interface AxisFigures {
  readonly axis: Axis;
  /** The mock first, then each real gateway. */
  readonly runs: AxisRun[];
}

async function benchAxes(reals: readonly RealGateway[]): Promise<AxisFigures[]> {
  const figures: AxisFigures[] = [];
  for (const axis of AXES) {
    const sizes = axisSizes(axis);
    const runs: AxisRun[] = [{ label: 'mock', points: await withMockChild((port, pid) => runAxis(axis.name, sizes, port, pid, logPoint('mock', axis.name))) }];
    for (const real of reals) {
      const gateway = await startPushgateway({ binary: real.binary });
      try {
        runs.push({ label: real.label, points: await runAxis(axis.name, sizes, gateway.port, gateway.child.pid, logPoint(real.label, axis.name)) });
      } finally {
        await gateway.stop();
      }
    }
    figures.push({ axis, runs });
  }
  return figures;
}

function formatMb(mb: number | undefined): string {
  return mb === undefined ? 'n/a' : `${mb.toFixed(0)} MB`;
}

function timeCell(status: number, ms: number): string {
  return status === 200 || status === 202 ? formatMs(ms) : `${status} after ${formatMs(ms)}`;
}

function axisCells(point: ScalePoint | undefined): string[] {
  if (point === undefined) {
    return ['n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'];
  }
  return [
    timeCell(point.pushStatus, point.pushMs),
    point.healthyProbes === 0 ? '-' : formatMs(point.healthyMaxMs),
    timeCell(point.metricsStatus, point.metricsMs),
    timeCell(point.protobufStatus, point.protobufMs),
    timeCell(point.againStatus, point.againMs),
    `${formatMb(point.rssMb)} / ${formatMb(point.peakRssMb)}`,
  ];
}

function reportAxes(figures: readonly AxisFigures[]): void {
  for (const { axis, runs } of figures) {
    const [mock, ...reals] = runs;
    console.log(`\n${axis.title}, one PUT each (healthy: slowest /-/healthy during the PUT; again: the same PUT after the GETs; RSS: after all / the process's peak so far):`);
    const columns = (label: string) => [`${label} push`, 'healthy', '/metrics', 'protobuf', 'again', 'RSS / peak'];
    const ratio = (mockMs: number, realMs: number | undefined) => (realMs === undefined ? 'n/a' : `${(mockMs / realMs).toFixed(1)}x`);
    printTable(
      [axis.name, 'MB', ...runs.flatMap((run) => columns(run.label)), ...reals.flatMap((real) => [`mock/${real.label.replace('real ', '')} push`, `mock/${real.label.replace('real ', '')} again`])],
      mock.points.map((point, i) => {
        const ratios = reals.flatMap((real) => [ratio(point.pushMs, real.points[i]?.pushMs), ratio(point.againMs, real.points[i]?.againMs)]);
        return [formatCount(point.size), (point.bodyBytes / 1e6).toFixed(1), ...runs.flatMap((run) => axisCells(run.points[i])), ...ratios];
      }),
    );
  }
}

async function benchReal(): Promise<Measurement[]> {
  const gateway = await startPushgateway();
  try {
    return await benchGateway('real', gateway.port, Date.now() + REAL_FILL_BUDGET_MS);
  } finally {
    await gateway.stop();
  }
}

// --- report ---------------------------------------------------------------------------------------

function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US').replace(/,/g, ' ');
}

function formatGroups(n: number): string {
  return `${formatCount(n)} group${n === 1 ? '' : 's'}`;
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join(' | ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('-+-'));
  for (const row of rows) {
    console.log(line(row));
  }
}

function sizeCell(measurement: Measurement | undefined): string {
  if (measurement === undefined) {
    return 'n/a';
  }
  return measurement.reached === measurement.size ? formatCount(measurement.size) : `${formatCount(measurement.reached)} (of ${formatCount(measurement.size)})`;
}

function figureRows(mock: readonly Measurement[], real: readonly Measurement[] | undefined): string[][] {
  return SIZES.map((size, i) => {
    const m = mock[i];
    const r = real?.[i];
    const cells = (x: Measurement | undefined) => (x === undefined ? ['n/a', 'n/a', 'n/a'] : [formatMs(x.latency.medianMs), formatMs(x.latency.p99Ms), x.pushesPerSecond.toFixed(0)]);
    const latencyRatio = m !== undefined && r !== undefined ? `${(r.latency.medianMs / m.latency.medianMs).toFixed(1)}x` : 'n/a';
    const throughputRatio = m !== undefined && r !== undefined ? `${(m.pushesPerSecond / r.pushesPerSecond).toFixed(1)}x` : 'n/a';
    return [formatCount(size), sizeCell(m), ...cells(m), sizeCell(r), ...cells(r), latencyRatio, throughputRatio];
  });
}

function printTargets(mock: readonly Measurement[], real: readonly Measurement[] | undefined): void {
  const first = mock[0];
  const last = mock[mock.length - 1];
  const ratio = last.latency.medianMs / first.latency.medianMs;
  console.log(
    `\nTarget: mock median latency at ${formatCount(last.reached)} groups within ${LATENCY_RATIO_TARGET}x of its latency at ${formatCount(first.reached)}: ` +
      `${formatMs(last.latency.medianMs)} / ${formatMs(first.latency.medianMs)} = ${ratio.toFixed(2)}x (p99 ${(last.latency.p99Ms / first.latency.p99Ms).toFixed(2)}x): ${verdict(ratio <= LATENCY_RATIO_TARGET)}`,
  );
  if (real === undefined) {
    console.log("Target: mock throughput not below the real gateway's: n/a (the real gateway was not run)");
    return;
  }
  const pairs = real.map((r, i) => ({ r, m: mock[i] }));
  const met = pairs.every(({ r, m }) => m.pushesPerSecond >= r.pushesPerSecond);
  const detail = pairs.map(({ r, m }) => `${formatGroups(r.reached)}: ${m.pushesPerSecond.toFixed(0)} vs ${r.pushesPerSecond.toFixed(0)}`).join('; ');
  console.log(`Target: mock throughput not below the real gateway's at every size (${detail}): ${verdict(met)}`);
}

function report(mock: readonly Measurement[], real: readonly Measurement[] | undefined): void {
  console.log('');
  printTable(
    ['size', 'mock groups', 'mock median', 'mock p99', 'mock push/s', 'real groups', 'real median', 'real p99', 'real push/s', 'real/mock median', 'mock/real push/s'],
    figureRows(mock, real),
  );
  printTargets(mock, real);
}

function printFillNote(real: readonly Measurement[] | undefined): void {
  const last = real?.[real.length - 1];
  if (real === undefined || last === undefined || last.reached >= last.size) {
    return;
  }
  const fillSeconds = real.reduce((sum, m) => sum + m.fillSeconds, 0);
  console.log(
    `\nThe real gateway was filled to ${formatCount(last.reached)} groups only: its fill budget is ${REAL_FILL_BUDGET_MS / 1000} s (${(last.reached / fillSeconds).toFixed(0)} pushes/s on average while filling).`,
  );
}

// --- main -----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const realVersion = versionLine(PUSHGATEWAY_BINARY);
  console.log(`Groups: PUT ${groupPath('i<N>')}, ${Buffer.byteLength(pushBody(0))}-byte text push, ${FILL_CONNECTIONS} keep-alive connections to fill`);
  console.log(
    `Latency: ${LATENCY_PUSHES} sequential PUTs to ${groupPath('latency')} (after up to ${formatCount(LATENCY_WARMUP_PUSHES)} warm-up pushes or ${LATENCY_WARMUP_MS / 1000} s); throughput: ${THROUGHPUT_CONNECTIONS} connections for ${THROUGHPUT_MS / 1000} s, ${THROUGHPUT_GROUPS_PER_CONNECTION} groups each`,
  );
  console.log(`Machine: ${os.availableParallelism()} cores, node ${process.version}; real gateway: ${realVersion ?? `${PUSHGATEWAY_BINARY} not installed`}\n`);

  if (realVersion === undefined) {
    console.log(`${PUSHGATEWAY_BINARY} is not installed: the real gateway is skipped (apt-get install prometheus-pushgateway, or set PGW_PUSHGATEWAY).\n`);
  }
  if (!process.argv.includes(SKIP_GROUPS_FLAG)) {
    const mock = await benchMock();
    const real = realVersion === undefined ? undefined : await benchReal();
    report(mock, real);
    printFillNote(real);
  }
  reportAxes(await benchAxes(realGateways()));
  console.log(`\nTotal bench time ${(elapsedMs(started) / 1000).toFixed(1)} s. Targets are informative: missing one does not fail the bench.`);
}

runScript(
  process.argv.includes(SERVE_MOCK_FLAG)
    ? serveMock
    : async () => {
        try {
          await main();
        } catch (error) {
          throw new Error(`bench:mock failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      },
);
