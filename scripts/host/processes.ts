import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';

/** Runs a command to completion, streaming its output with a prefix; rejects with its output tail on failure. */
export function runCommand(command: string, args: readonly string[], options: SpawnOptions & { label: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const collect = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('error', (error) => reject(new Error(`${options.label}: cannot start ${command}: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve();
      } else {
        reject(new Error(`${options.label} failed (${signal ?? `exit ${code}`}):\n${tail}`));
      }
    });
  });
}

export { findFreePort, isPortFree } from '../../src/core/ports';

/**
 * Ends a process started with `detached: true` together with every process it started (its process
 * group): SIGTERM first, SIGKILL for whatever is left after the grace period.
 */
export async function stopProcessGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.pid === undefined) {
    return;
  }
  const pid = child.pid;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(pid, 'SIGTERM');
  await Promise.race([exited, delay(graceMs)]);
  // Children of the group may outlive its leader; make sure none is left.
  await delay(200);
  signalGroup(pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
