import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// For tests that bound what stays in memory: a full garbage collection on demand, without starting
// mocha with --expose-gc.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The heap in use after a full collection, in bytes. */
export function heapUsedAfterCollection(): number {
  gc();
  return process.memoryUsage().heapUsed;
}
