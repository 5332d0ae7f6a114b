// `npm run bench:startup`: how long a gateway takes from launch to its first answer on /-/ready:
// `pgw mock` (node dist/pgw.js) next to the real Pushgateway 1.5.1 (Debian's prometheus-pushgateway,
// when installed). Median of RUNS launches each; everything on 127.0.0.1. Prints figures, never fails
// on speed (exit 0); errors exit 1.
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './host/paths';
import { runScript, spawnTracked, stopProcess, versionLine, withTimeout } from './reference/processes';
import { PUSHGATEWAY_BINARY, startPushgateway } from './reference/pushgateway';
import { median } from './reference/stats';

const RUNS = 7;
const START_TIMEOUT_MS = 10_000;

function ready(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/-/ready' }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('error', () => resolve(false));
  });
}

async function pgwMockStartMs(): Promise<number> {
  const started = performance.now();
  const child = spawnTracked(process.execPath, [path.join(repoRoot(), 'dist', 'pgw.js'), 'mock', '--listen', '127.0.0.1:0'], ['ignore', 'pipe', 'pipe']);
  try {
    const port = await withTimeout(
      new Promise<number>((resolve, reject) => {
        let output = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
          if (match) {
            resolve(Number(match[1]));
          }
        });
        child.once('exit', (code) => reject(new Error(`pgw mock exited (${code}) before listening:\n${output}`)));
      }),
      START_TIMEOUT_MS,
      'starting pgw mock',
      () => child.kill('SIGKILL'),
    );
    if (!(await ready(port))) {
      throw new Error('pgw mock did not answer /-/ready with 200');
    }
    return performance.now() - started;
  } finally {
    await stopProcess(child);
  }
}

async function realStartMs(): Promise<number> {
  const started = performance.now();
  const gateway = await startPushgateway();
  try {
    if (!(await ready(gateway.port))) {
      throw new Error('the real gateway did not answer /-/ready with 200');
    }
    return performance.now() - started;
  } finally {
    await gateway.stop();
  }
}

async function measure(label: string, once: () => Promise<number>): Promise<void> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    times.push(await once());
  }
  console.log(`${label.padEnd(34)} median ${median(times).toFixed(0).padStart(5)} ms  (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${RUNS} launches)`);
}

runScript(async () => {
  console.log(`Launch to first /-/ready answer, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}`);
  await measure('pgw mock (node dist/pgw.js)', pgwMockStartMs);
  const version = versionLine(PUSHGATEWAY_BINARY);
  if (version) {
    await measure(`real Pushgateway ${/version (\S+)/.exec(version)?.[1] ?? ''}`, realStartMs);
  } else {
    console.log(`real Pushgateway: ${PUSHGATEWAY_BINARY} not installed, skipped`);
  }
});
