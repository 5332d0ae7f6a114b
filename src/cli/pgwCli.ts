import * as v8 from 'node:v8';
import { runCli } from './main';
import { processOutput } from './pgwProcess';

/** Every `pgw` command: dist/pgw-cli.js, which dist/pgw.js loads for all but a lint of exposition files alone. */
export function runFullCli(args: readonly string[]): Promise<number> {
  // The shell parser is WebAssembly. By default V8 also compiles all of it a second time, optimised,
  // in the background, and the process cannot end before that is done: about a second per `pgw`
  // run on a busy machine, for a parse of a few milliseconds. The baseline compiler alone is enough
  // for a one-shot command (and a 5 000-line script still parses in well under 100 ms).
  v8.setFlagsFromString('--liftoff-only');
  return runCli(args, processOutput);
}
