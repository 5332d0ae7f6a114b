import { VERSION } from '../core/version';
import type { CleanEnvironment } from './cleanCommand';
import { CliOutput } from './cliOutput';
import { runLint } from './lintCommand';
import { loadShellParser, ShellParser } from '../core/shell/tree/shellParser';

export type { CliOutput } from './cliOutput';

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: pgw <command> [options]

Pushgateway Workbench on the command line.

Commands:
  lint FILE...    Lint exposition files and shell scripts' metric heredocs as
                  the Pushgateway and promtool judge them (Pushgateway 1.11 and
                  promtool 3.x by default; --gateway-version 1.5 [--utf8-names]).
  pushes FILE...  List the push and delete sites of shell scripts and of Python
                  and Go client library calls (text or JSON).
  mock            Run a mock Pushgateway (answers like 1.11.2, or 1.5.1 with
                  --gateway-version 1.5) for dry runs and CI.
  clean           Delete stale groups from a gateway (--older-than 7d,
                  --match 'job=~"tmp_.*"'), for cron.
  rules           Print Prometheus alert rules for a pushing job (stale, last
                  push failed, gateway down) and, with --out, their promtool
                  unit tests.
  help            Show this help.

Options:
  -h, --help      Show this help.
  -v, --version   Print the version.
`;

/** Runs `pgw` with the arguments after the program name and returns the exit code. */
// The commands other than lint are loaded when run: their modules (the HTTP client, the mock's server)
// take a noticeable share of a `pgw lint` run's start-up otherwise.
export async function runCli(args: readonly string[], output: CliOutput, cleanEnvironment?: CleanEnvironment): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined) {
    output.err(USAGE);
    return EXIT_USAGE;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    output.out(USAGE);
    return EXIT_OK;
  }
  if (command === 'lint') {
    return runLint(rest, output, undefined, () => shellParserOrNone(output));
  }
  if (command === 'pushes') {
    const { runPushes } = await import('./pushesCommand');
    return runPushes(rest, output, undefined, () => shellParserOrNone(output));
  }
  if (command === 'mock') {
    const { runMock } = await import('./mockCommand');
    return runMock(rest, output);
  }
  if (command === 'clean') {
    const { processCleanEnvironment, runClean } = await import('./cleanCommand');
    return runClean(rest, output, cleanEnvironment ?? processCleanEnvironment());
  }
  if (command === 'rules') {
    const { runRules } = await import('./rulesCommand');
    return runRules(rest, output);
  }
  if (command === '-v' || command === '--version') {
    output.out(`${VERSION}\n`);
    return EXIT_OK;
  }
  const what = command.startsWith('-') ? `unknown option "${command}"` : `unknown command "${command}"`;
  output.err(`pgw: ${what}\n\n${USAGE}`);
  return EXIT_USAGE;
}

/** The shell parser, or none (with a note) should its WebAssembly fail to load: shell scripts then get the heredoc finder alone. */
async function shellParserOrNone(output: CliOutput): Promise<ShellParser | undefined> {
  try {
    return await loadShellParser();
  } catch (error) {
    output.err(`pgw: the shell parser did not load (${error instanceof Error ? error.message : String(error)}): only heredocs are analysed\n`);
    return undefined;
  }
}
