import { constants, promises as fs } from 'node:fs';
import { failure, Result, success } from '../result';

/** A bundle of a few hundred CA certificates is about 200 KB; a bigger file is no CA file. */
export const MAX_CA_FILE_BYTES = 1024 * 1024;

/** O_NONBLOCK: opening a FIFO nobody writes to returns at once instead of holding a thread forever. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindOf(stats: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  return stats.isDirectory() ? 'a directory' : stats.isFIFO() ? 'a FIFO' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : stats.isSocket() ? 'a socket' : 'not a regular file';
}

/**
 * The PEM text of a CA file a gateway's settings name, read without blocking the caller: only a
 * regular file of at most MAX_CA_FILE_BYTES is read (a workspace may name /dev/zero or a FIFO).
 */
export async function readCaFile(path: string): Promise<Result<string, string>> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(path, OPEN_FLAGS);
    const stats = await handle.stat();
    if (!stats.isFile()) {
      return failure(`it is ${kindOf(stats)}, not a regular file`);
    }
    if (stats.size > MAX_CA_FILE_BYTES) {
      return failure(`it is larger than ${MAX_CA_FILE_BYTES / 1024 / 1024} MB (${stats.size} bytes); a CA file is a few KB of PEM`);
    }
    // One byte more than the bound: a file that grew since the stat is refused, not cut.
    const buffer = Buffer.alloc(MAX_CA_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) {
        break;
      }
      length += bytesRead;
      if (length > MAX_CA_FILE_BYTES) {
        return failure(`it is larger than ${MAX_CA_FILE_BYTES / 1024 / 1024} MB; a CA file is a few KB of PEM`);
      }
    }
    return success(buffer.toString('utf8', 0, length));
  } catch (error) {
    return failure(error instanceof Error ? error.message : String(error));
  } finally {
    await handle?.close();
  }
}
