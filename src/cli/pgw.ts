import { runExpositionLint } from './expositionLint';
import { exitWith, processOutput } from './pgwProcess';

// dist/pgw.js: `pgw lint` of exposition files, the run that is timed against promtool, carries only
// the exposition linter. Reading and compiling the whole CLI (shell, YAML and client parsers, the
// mock, ...) cost about 25 ms of such a run; the rest lives in dist/pgw-cli.js, loaded when needed.

// async: a missing or broken pgw-cli.js is then reported as pgw's internal error, not a raw stack.
async function runFullCli(args: readonly string[]): Promise<number> {
  // A separate bundle (esbuild.js keeps this require), not part of this one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fullCli = require('./pgw-cli.js') as typeof import('./pgwCli');
  return fullCli.runFullCli(args);
}

const args = process.argv.slice(2);
exitWith(args[0] === 'lint' ? runExpositionLint(args.slice(1), processOutput).then((code) => code ?? runFullCli(args)) : runFullCli(args));
