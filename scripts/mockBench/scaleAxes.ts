// The scale axes of `npm run bench:mock`: one push of a growing size into one group, to the mock
// and to the real gateway, each in a process of its own started afresh per axis.
//   series axis: one family `big_metric{i="…"}` with N series (1k … 250k)
//   families axis: N families of one series each
// For each size: the time of the PUT (it replaces the previous size's group), the time and status
// of a GET /metrics after it, and the gateway process's peak RSS so far (VmHWM: it only grows, so
// along an axis of growing sizes it is the peak up to that size).
import * as fs from 'node:fs';
import * as http from 'node:http';

const HOST = '127.0.0.1';
const REQUEST_TIMEOUT_MS = 300_000;

export const SERIES_SIZES = [1_000, 10_000, 50_000];
export const BIG_SERIES_SIZES = [100_000, 250_000];
export const FAMILY_SIZES = [1_000, 10_000, 50_000];
export const BIG_FAMILY_SIZES = [100_000];

export type AxisName = 'series' | 'families';

export interface ScalePoint {
  readonly size: number;
  readonly bodyBytes: number;
  readonly pushStatus: number;
  readonly pushMs: number;
  readonly metricsStatus: number;
  readonly metricsMs: number;
  readonly peakRssMb: number | undefined;
}

export function axisBody(axis: AxisName, size: number): Buffer {
  const lines: string[] = axis === 'series' ? ['# TYPE big_metric gauge'] : [];
  for (let i = 0; i < size; i++) {
    lines.push(axis === 'series' ? `big_metric{i="${i}"} ${i}` : `family_${i} ${i}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** Peak resident set size of a process in MB (Linux only). */
export function peakRssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) {
    return undefined;
  }
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function timedRequest(port: number, method: string, path: string, body?: Buffer): Promise<{ status: number; ms: number }> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = body === undefined ? {} : { 'Content-Type': 'text/plain; version=0.0.4', 'Content-Length': body.length };
    const req = http.request({ host: HOST, port, method, path, headers, timeout: REQUEST_TIMEOUT_MS, agent: false }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} got no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Pushes each size in turn to the gateway on `port` (process `pid`) and measures it. */
export async function runAxis(axis: AxisName, sizes: readonly number[], port: number, pid: number | undefined, onPoint: (point: ScalePoint) => void): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const size of sizes) {
    const body = axisBody(axis, size);
    const push = await timedRequest(port, 'PUT', `/metrics/job/scale_${axis}`, body);
    const metrics = await timedRequest(port, 'GET', '/metrics');
    const point = { size, bodyBytes: body.length, pushStatus: push.status, pushMs: push.ms, metricsStatus: metrics.status, metricsMs: metrics.ms, peakRssMb: peakRssMb(pid) };
    points.push(point);
    onPoint(point);
  }
  return points;
}
