import { once } from 'node:events';
import * as v8 from 'node:v8';
import { runCli } from './main';

// The shell parser is WebAssembly. By default V8 also compiles all of it a second time, optimised,
// in the background, and the process cannot end before that is done: about a second per `pgw`
// run on a busy machine, for a parse of a few milliseconds. The baseline compiler alone is enough
// for a one-shot command (and a 5 000-line script still parses in well under 100 ms).
v8.setFlagsFromString('--liftoff-only');

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  outDrained: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : Promise.resolve()),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pgw: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
