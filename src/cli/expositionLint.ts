import { Diagnostic, Severity } from '../core/exposition/diagnostic';
import { LintOptions } from '../core/exposition/lint';
import { kindByName } from '../core/files/fileKind';
import { describeIoError } from './cliInput';
import { ChunkedOutput, CliOutput } from './cliOutput';
import { BlockFileReader, lintExpositionFile, nodeBlockFileReader } from './expositionFile';
import { parseLintArguments } from './lintArguments';

// `pgw lint` of exposition files alone, the usual run: it needs none of the shell, YAML and client
// code, so dist/pgw.js carries just this and loads the rest of the CLI (dist/pgw-cli.js) only for
// other commands and other kinds of file (see pgw.ts).

export const LINT_USAGE = `Usage: pgw lint [--format text|json] [--rule CODE=SEVERITY]...
                [--gateway-version 1.11|1.5] [--utf8-names]
                [--as exposition|shell|python|go|yaml] FILE...

Lints Prometheus exposition files (.prom) the way the Pushgateway and promtool
judge them, and what shell scripts (.sh, .bash, .zsh, .ksh, .dash, or a #! line
of sh, bash, dash, zsh, ksh or busybox) push with curl/wget/httpie: heredocs,
echo/printf pipes, here-strings, --data strings, variables and files written
earlier (see pgw pushes), and heredocs with a delimiter such as PROM or METRICS.
In YAML (.yml, .yaml) it lints the shell scripts embedded in Kubernetes
command/args (sh -c), GitHub Actions run:, GitLab CI script: and Ansible shell:
tasks as shell, on the YAML's own lines, and checks that a Prometheus job
scraping a Pushgateway has honor_labels: true. In Python and Go it checks the
names and label names of the metrics prometheus_client and client_golang declare
(Python's Counter adds _total itself, Go's does not), and in Python the body a
script pushes itself with requests, httpx or urllib when the code spells it out
(an f-string's {expressions} are unknown values). Python, Go and YAML files are
never linted as metrics; files of no known kind are skipped with a note. Use -
to read standard input (linted as exposition unless its #! line says shell).

Options:
  --format text|json   Output format (default: text).
  --rule CODE=SEVERITY Change a rule's severity (error, warning, info, hint or
                       off), like the editor's pushgateway.lint.rules setting;
                       repeat for several rules, e.g. --rule no-help=off.
  --gateway-version 1.11|1.5
                       The Pushgateway whose parser and rules to follow
                       (default: 1.11, also right for 1.9 and 1.10; 1.5 for
                       1.5 to 1.8). promtool's findings are 3.x's with 1.11,
                       2.42's with 1.5.
  --utf8-names         The gateway runs with --push.enable-utf8-names (1.11):
                       quoted names outside the legacy rules are accepted.
  --as KIND            Read every FILE as this kind, whatever its name:
                       exposition, shell, python, go or yaml.
  -h, --help           Show this help.

Exit status: 0 no error, 1 at least one error-severity finding, 2 usage or I/O error.
`;

/**
 * `pgw lint ARGS` when every file is an exposition file by its name or by `--as exposition`
 * (standard input is not: its #! line may say shell), and when the arguments are wrong or ask for
 * help: the exit status. Undefined, with nothing printed, when some file is of another kind.
 */
export async function runExpositionLint(args: readonly string[], output: CliOutput, reader: BlockFileReader = nodeBlockFileReader): Promise<number | undefined> {
  const parsed = parseLintArguments('lint', LINT_USAGE, args, output);
  if (typeof parsed === 'number') {
    return parsed;
  }
  if (!parsed.files.every((file) => isExpositionFile(file, parsed.forcedKind))) {
    return undefined;
  }
  const printer = new FindingPrinter(output, parsed.format);
  let ioProblem = false;
  for (const file of parsed.files) {
    ioProblem = !(await printExpositionFileFindings(file, reader, { severities: parsed.severities, target: parsed.target }, printer, output)) || ioProblem;
  }
  printer.end();
  if (ioProblem) {
    return 2;
  }
  return printer.errors > 0 ? 1 : 0;
}

/** A file `pgw lint` reads as exposition without looking into it. */
export function isExpositionFile(file: string, forcedKind: string | undefined): boolean {
  return file !== '-' && (forcedKind ?? kindByName(file)) === 'exposition';
}

/**
 * Lints an exposition file, read in blocks and linted family by family (a large file is never one
 * string), and prints its findings; false when it could not be read (said on stderr).
 */
export async function printExpositionFileFindings(file: string, reader: BlockFileReader, options: LintOptions, printer: FindingPrinter, output: CliOutput): Promise<boolean> {
  let diagnostics: Diagnostic[];
  try {
    diagnostics = lintExpositionFile(file, reader, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === undefined) {
      throw error; // not the file's fault: a bug, for main's internal-error report
    }
    output.err(`pgw lint: cannot read ${file}: ${describeIoError(error)}\n`);
    return false;
  }
  await printer.print(file, diagnostics);
  return true;
}

/**
 * Prints each file's findings as soon as it is linted, in chunks (see ChunkedOutput), and counts
 * them for the summary: nothing holds every finding's text at once. The JSON is what
 * `JSON.stringify(findings, null, 2)` prints for the whole list.
 */
export class FindingPrinter {
  private readonly chunks: ChunkedOutput;
  private readonly counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  private printed = 0;

  constructor(
    private readonly output: CliOutput,
    private readonly format: 'text' | 'json',
  ) {
    this.chunks = new ChunkedOutput(output);
    if (format === 'json') {
      this.chunks.write('[');
    }
  }

  get errors(): number {
    return this.counts.error;
  }

  async print(file: string, diagnostics: readonly Diagnostic[]): Promise<void> {
    const quotedFile = JSON.stringify(file);
    for (const diagnostic of diagnostics) {
      this.counts[diagnostic.severity]++;
      const text = this.format === 'json' ? `${this.printed === 0 ? '\n' : ',\n'}${jsonObject(quotedFile, diagnostic)}` : textLine(file, diagnostic);
      this.printed++;
      if (this.chunks.write(text)) {
        await this.chunks.drained();
      }
    }
  }

  end(): void {
    if (this.format === 'json') {
      this.chunks.write(this.printed === 0 ? ']\n' : '\n]\n');
    }
    this.chunks.flush();
    if (this.format === 'text') {
      this.output.err(`${summarize(this.counts)}\n`);
    }
  }
}

function textLine(file: string, diagnostic: Diagnostic): string {
  return `${file}:${diagnostic.span.line + 1}:${diagnostic.span.start + 1}: ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}\n`;
}

/** A finding as an element of the list `JSON.stringify(findings, null, 2)` prints, written out: no object or re-indenting per finding. */
function jsonObject(quotedFile: string, diagnostic: Diagnostic): string {
  const { line, start, end } = diagnostic.span;
  return `  {
    "file": ${quotedFile},
    "line": ${line + 1},
    "column": ${start + 1},
    "endLine": ${line + 1},
    "endColumn": ${end + 1},
    "severity": "${diagnostic.severity}",
    "code": "${diagnostic.code}",
    "message": ${JSON.stringify(diagnostic.message)}
  }`;
}

function summarize(counts: Readonly<Record<Severity, number>>): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info + counts.hint} other`;
}
