import { ChildProcess, spawn, SpawnOptions, spawnSync } from 'node:child_process';

// Running the reference binaries (Pushgateway, promtool) for recorders, benchmarks and tests: every
// process started here is tracked so that none outlives its owner.

const STOP_GRACE_MS = 2_000;

/** Every process started through spawnTracked that has not exited yet. */
const liveChildren = new Set<ChildProcess>();

export function spawnTracked(command: string, args: readonly string[], stdio: SpawnOptions['stdio'] = ['ignore', 'ignore', 'pipe']): ChildProcess {
  const child = spawn(command, args, { stdio });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  child.once('error', () => liveChildren.delete(child));
  return child;
}

/** Synchronous, so it also works from an 'exit' handler. */
export function killAllChildren(): void {
  for (const child of liveChildren) {
    child.kill('SIGKILL');
  }
  liveChildren.clear();
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string, onTimeout: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`${what} did not finish within ${ms / 1000} s`));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The first line `<binary> --version` prints (kingpin writes it to stderr), or undefined when it cannot run. */
export function versionLine(binary: string, timeoutMs = 10_000): string | undefined {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: timeoutMs });
  if (result.error) {
    return undefined;
  }
  return `${result.stdout}\n${result.stderr}`
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim();
}

/** Runs `task` for every item with at most `workers` at a time; results keep the items' order. */
export async function mapWithWorkers<T, R>(items: readonly T[], workers: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
  return results;
}

/** A reason to stop without recording anything that is not a failure (the script exits 2). */
export class SkipError extends Error {}

const EXIT_SKIPPED = 2;

/**
 * Runs a recorder's main function: every started process is killed on exit, Ctrl-C or error; a
 * SkipError exits 2 with its message, any other error exits 1.
 */
export function runScript(main: () => Promise<void>): void {
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllChildren();
      process.exit(1);
    });
  }
  main().catch((error: unknown) => {
    killAllChildren();
    if (error instanceof SkipError) {
      console.error(`Skipped: ${error.message}`);
      process.exit(EXIT_SKIPPED);
    }
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
