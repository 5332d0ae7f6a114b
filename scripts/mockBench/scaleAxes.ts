// The scale axes of `npm run bench:mock`: one push of a growing size into one group, to the mock
// and to the real gateways, each in a process of its own started afresh per axis.
//   series axis: one family `big_metric{i="…"}` with N series (1k … 250k)
//   families axis: N families of one series each
//   small-families axis: N series in families of SMALL_FAMILY_SERIES series each
// For each size: the time of the PUT (it replaces the previous size's group), the slowest
// `/-/healthy` asked now and then while the PUT is processed, the time and status of a text and of
// a protobuf GET /metrics after it, the time of the same PUT again (it replaces every series with
// itself: what a job pushing on a schedule costs), and the gateway process's resident memory after
// those and its peak so far (VmHWM: it only grows, so along an axis of growing sizes it is the peak up to that size).
import * as fs from 'node:fs';
import * as http from 'node:http';

const HOST = '127.0.0.1';
const REQUEST_TIMEOUT_MS = 300_000;
/** The pause between two `/-/healthy` probes during a push (a probe at a time, so they add little load). */
const HEALTHY_PROBE_INTERVAL_MS = 50;
const PROTOBUF_ACCEPT = 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited';

export const SMALL_FAMILY_SERIES = 10;

export type AxisName = 'series' | 'families' | 'smallFamilies';

export interface Axis {
  readonly name: AxisName;
  readonly title: string;
  readonly sizes: readonly number[];
  /** Added by `--big`. */
  readonly bigSizes: readonly number[];
}

export const AXES: readonly Axis[] = [
  { name: 'series', title: 'Series in one family', sizes: [1_000, 10_000, 50_000], bigSizes: [100_000, 250_000] },
  { name: 'families', title: 'Families of one series', sizes: [1_000, 10_000, 50_000], bigSizes: [100_000] },
  { name: 'smallFamilies', title: `Series in families of ${SMALL_FAMILY_SERIES}`, sizes: [10_000, 50_000], bigSizes: [100_000] },
];

export interface ScalePoint {
  readonly size: number;
  readonly bodyBytes: number;
  readonly pushStatus: number;
  readonly pushMs: number;
  /** The slowest `/-/healthy` answer during the push, and how many were asked. */
  readonly healthyMaxMs: number;
  readonly healthyProbes: number;
  readonly metricsStatus: number;
  readonly metricsMs: number;
  readonly protobufStatus: number;
  readonly protobufMs: number;
  /** The same PUT again, right after the GETs. */
  readonly againStatus: number;
  readonly againMs: number;
  readonly rssMb: number | undefined;
  readonly peakRssMb: number | undefined;
}

function axisLines(axis: AxisName, size: number): string[] {
  const lines: string[] = [];
  if (axis === 'series') {
    lines.push('# TYPE big_metric gauge');
    for (let i = 0; i < size; i++) {
      lines.push(`big_metric{i="${i}"} ${i}`);
    }
  } else if (axis === 'families') {
    for (let i = 0; i < size; i++) {
      lines.push(`family_${i} ${i}`);
    }
  } else {
    for (let i = 0; i < size; i++) {
      const family = Math.floor(i / SMALL_FAMILY_SERIES);
      if (i % SMALL_FAMILY_SERIES === 0) {
        lines.push(`# TYPE small_${family} gauge`);
      }
      lines.push(`small_${family}{j="${i % SMALL_FAMILY_SERIES}"} ${i}`);
    }
  }
  return lines;
}

export function axisBody(axis: AxisName, size: number): Buffer {
  return Buffer.from(`${axisLines(axis, size).join('\n')}\n`, 'utf8');
}

/** A figure of /proc/<pid>/status in MB (Linux only): VmRSS now, VmHWM the peak. */
function statusMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | undefined {
  if (pid === undefined) {
    return undefined;
  }
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface Timed {
  readonly status: number;
  readonly ms: number;
}

function timedRequest(port: number, method: string, path: string, options: { body?: Buffer; accept?: string } = {}): Promise<Timed> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = options.body === undefined ? {} : { 'Content-Type': 'text/plain; version=0.0.4', 'Content-Length': options.body.length };
    if (options.accept !== undefined) {
      headers.Accept = options.accept;
    }
    const req = http.request({ host: HOST, port, method, path, headers, timeout: REQUEST_TIMEOUT_MS, agent: false }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} got no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The PUT, with `/-/healthy` asked one at a time (HEALTHY_PROBE_INTERVAL_MS apart) until it is answered. */
async function pushWhileProbing(port: number, path: string, body: Buffer): Promise<{ push: Timed; healthyMaxMs: number; healthyProbes: number }> {
  let pushing = true;
  const pushed = timedRequest(port, 'PUT', path, { body }).finally(() => (pushing = false));
  let healthyMaxMs = 0;
  let healthyProbes = 0;
  try {
    while (pushing) {
      await new Promise((resolve) => setTimeout(resolve, HEALTHY_PROBE_INTERVAL_MS));
      if (!pushing) {
        break;
      }
      const healthy = await timedRequest(port, 'GET', '/-/healthy');
      if (healthy.status !== 200) {
        throw new Error(`/-/healthy answered ${healthy.status} during a push`);
      }
      healthyMaxMs = Math.max(healthyMaxMs, healthy.ms);
      healthyProbes++;
    }
  } catch (error) {
    // The push still in flight fails once the gateway is stopped: the probe's error is the one to tell.
    pushed.catch(() => undefined);
    throw error;
  }
  return { push: await pushed, healthyMaxMs, healthyProbes };
}

/** Pushes each size in turn to the gateway on `port` (process `pid`) and measures it. */
export async function runAxis(axis: AxisName, sizes: readonly number[], port: number, pid: number | undefined, onPoint: (point: ScalePoint) => void): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const size of sizes) {
    const body = axisBody(axis, size);
    const { push, healthyMaxMs, healthyProbes } = await pushWhileProbing(port, `/metrics/job/scale_${axis}`, body);
    const metrics = await timedRequest(port, 'GET', '/metrics');
    const protobuf = await timedRequest(port, 'GET', '/metrics', { accept: PROTOBUF_ACCEPT });
    const again = await timedRequest(port, 'PUT', `/metrics/job/scale_${axis}`, { body });
    const point: ScalePoint = {
      size,
      bodyBytes: body.length,
      pushStatus: push.status,
      pushMs: push.ms,
      healthyMaxMs,
      healthyProbes,
      metricsStatus: metrics.status,
      metricsMs: metrics.ms,
      protobufStatus: protobuf.status,
      protobufMs: protobuf.ms,
      againStatus: again.status,
      againMs: again.ms,
      rssMb: statusMb(pid, 'VmRSS'),
      peakRssMb: statusMb(pid, 'VmHWM'),
    };
    points.push(point);
    onPoint(point);
  }
  return points;
}
