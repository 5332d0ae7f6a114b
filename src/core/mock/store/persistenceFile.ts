import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeStore, encodeStore, isRealGatewayFile, PersistenceError } from './persistenceFormat';
import { MockStore } from './store';

// Persistence of the mock's store, like the real gateway's --persistence.file and
// --persistence.interval: loaded on start, written on an interval when the store changed and on
// close, always atomically (a temp file in the same directory, fsync, rename over the target).
// What the file holds is persistenceFormat.ts's business.

/** The real gateway's default --persistence.interval. */
export const DEFAULT_PERSISTENCE_INTERVAL_MS = 5 * 60 * 1000;

function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Fills the (empty) store from the file; a missing file leaves it empty. Throws a
 * PersistenceError when the file cannot be read or is not a valid persistence file.
 */
export async function loadStoreFile(file: string, store: MockStore): Promise<void> {
  await removeStrayTempFiles(file);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') {
      return;
    }
    throw new PersistenceError(`cannot read the mock gateway's persistence file ${file}: ${reason(error)}`, { cause: error });
  }
  if (isRealGatewayFile(bytes)) {
    throw new PersistenceError(`the persistence file ${file} was written by the real Pushgateway (a Go gob); the mock cannot read it and leaves it untouched: give the mock a file of its own`);
  }
  const decoded = decodeStore(bytes.toString('utf8'), file);
  store.restore(decoded.groups, decoded.gatherOrder);
}

function tempFileName(file: string): string {
  return `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

/** The process id in the name of one of `file`'s temp files, or undefined for any other name. */
function tempFileWriter(file: string, name: string): number | undefined {
  const prefix = `.${path.basename(file)}.`;
  if (!name.startsWith(prefix)) {
    return undefined;
  }
  const match = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length));
  return match ? Number(match[1]) : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

/**
 * Removes the temp files a write left behind when its process died between writing and renaming
 * (those of a process still running are its writes in progress and stay).
 */
async function removeStrayTempFiles(file: string): Promise<void> {
  const directory = path.dirname(file);
  let names: string[];
  try {
    names = await fs.readdir(directory);
  } catch {
    return;
  }
  for (const name of names) {
    const writer = tempFileWriter(file, name);
    if (writer !== undefined && writer !== process.pid && !isRunning(writer)) {
      await fs.rm(path.join(directory, name), { force: true }).catch(() => undefined);
    }
  }
}

/** Writes a temp file beside the target, fsyncs it and renames it over the target (then fsyncs the directory), so a reader sees the old or the new file, never a part. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), tempFileName(file));
  try {
    const handle = await fs.open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

/** Makes the rename durable; not every platform can open a directory, which is fine. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await fs.open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort only
  }
}

/**
 * Writes the store to its file every `intervalMs` when it changed since the last write, and on
 * stop(). Writes never overlap; a failed interval write is reported to `onError` and retried on
 * the next tick, the server keeps running.
 */
export class StorePersister {
  private timer: NodeJS.Timeout | undefined;
  private writtenAt: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly store: MockStore,
    private readonly onError: (error: PersistenceError) => void,
  ) {
    this.writtenAt = store.writeCount;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.writeIfChanged().catch((error: unknown) => this.report(error)), intervalMs);
    this.timer.unref();
  }

  /** Writes now if the store changed since the last write. */
  writeIfChanged(): Promise<void> {
    return this.enqueue(false);
  }

  /** Stops the interval and writes the store (always, like the real gateway on shutdown). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.enqueue(true);
  }

  private report(error: unknown): void {
    this.onError(error instanceof PersistenceError ? error : new PersistenceError(reason(error), { cause: error }));
  }

  private enqueue(always: boolean): Promise<void> {
    const write = this.queue.then(() => this.write(always));
    this.queue = write.catch(() => undefined);
    return write;
  }

  private async write(always: boolean): Promise<void> {
    const count = this.store.writeCount;
    if (!always && count === this.writtenAt) {
      return;
    }
    try {
      await writeFileAtomically(this.file, encodeStore(this.store));
    } catch (error) {
      throw new PersistenceError(`cannot write the mock gateway's persistence file ${this.file}: ${reason(error)}`, { cause: error });
    }
    this.writtenAt = count;
  }
}
