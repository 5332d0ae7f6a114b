import { ChildProcess } from 'node:child_process';
import { spawnTracked, stopProcess, withTimeout } from './processes';

const START_TIMEOUT_MS = 10_000;

export const PUSHGATEWAY_BINARY = process.env.PGW_PUSHGATEWAY ?? 'prometheus-pushgateway';

export interface RunningGateway {
  readonly child: ChildProcess;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts a real Pushgateway with nothing stored: no persistence file (Debian's default points at
 * /var/lib/prometheus), and port 0 on 127.0.0.1 so the kernel picks a free port. The gateway logs
 * the bound address once it is listening; its log is drained for as long as it runs. `flags` are
 * added as given (e.g. `--push.enable-utf8-names` for a 1.11 gateway).
 */
export function startPushgateway(options: { adminApi?: boolean; binary?: string; flags?: readonly string[] } = {}): Promise<RunningGateway> {
  const binary = options.binary ?? PUSHGATEWAY_BINARY;
  const args = ['--web.listen-address=127.0.0.1:0', '--persistence.file=', '--log.level=info'];
  if (options.adminApi) {
    args.push('--web.enable-admin-api');
  }
  args.push(...(options.flags ?? []));
  const child = spawnTracked(binary, args);
  let log = '';
  const listening = new Promise<RunningGateway>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      if (log.length < 100_000) {
        log += chunk.toString('utf8');
      }
      const match = /msg="Listening on" address=127\.0\.0\.1:(\d+)/.exec(log);
      if (match) {
        resolve({ child, port: Number(match[1]), stop: () => stopProcess(child) });
      }
    });
    child.once('error', (error) => reject(new Error(`cannot run ${binary}: ${error.message}`)));
    child.once('exit', (code, signal) => reject(new Error(`the gateway exited (${signal ?? `exit ${code}`}) before listening:\n${log}`)));
  });
  return withTimeout(listening, START_TIMEOUT_MS, 'starting the gateway', () => child.kill('SIGKILL'));
}
