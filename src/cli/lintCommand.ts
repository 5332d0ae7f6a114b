import { Diagnostic, Severity } from '../core/exposition/diagnostic';
import { lintExposition, SeveritySetting } from '../core/exposition/lint';
import { lintShellScript } from '../core/shell/lintShellScript';
import { FileKind } from '../core/files/fileKind';
import { scrapeConfigDiagnostics } from '../core/scrape/scrapeConfig';
import { GatewayTarget } from '../core/protocol/gatewayTarget';
import { describeIoError, kindOf, loadOnce, noShellParser, readInput, ShellParserLoader } from './cliInput';
import { BlockFileReader, lintExpositionFile, nodeBlockFileReader } from './expositionFile';
import { kindByName } from '../core/files/fileKind';
import { ChunkedOutput, CliOutput } from './cliOutput';
import { parseLintArguments } from './lintArguments';
import { ShellParser } from '../core/shell/tree/shellParser';
import { treePushSitesOf } from '../core/shell/tree/pushSites';
import { lintDeclaredMetrics } from '../core/clients/clientMetricLint';
import { ClientParserLoader, loadClientParser, readClientCode } from './clientInput';
import { findEmbeddedScripts } from '../core/embedded/embeddedScripts';
import { lintEmbeddedShell } from '../core/embedded/lintEmbedded';

export const LINT_USAGE = `Usage: pgw lint [--format text|json] [--rule CODE=SEVERITY]...
                [--gateway-version 1.11|1.5] [--utf8-names]
                [--as exposition|shell|python|go|yaml] FILE...

Lints Prometheus exposition files (.prom) the way the Pushgateway and promtool
judge them, and what shell scripts (.sh, .bash, .zsh, .ksh, .dash, or a #! line
of sh, bash, dash, zsh, ksh or busybox) push with curl/wget/httpie: heredocs,
echo/printf pipes, here-strings, --data strings, variables and files written
earlier (see pgw pushes), and heredocs with a delimiter such as PROM or METRICS.
In YAML (.yml, .yaml) it lints the shell scripts embedded in Kubernetes
command/args (sh -c), GitHub Actions run: and GitLab CI script: as shell, on the
YAML's own lines, and checks that a Prometheus job scraping a Pushgateway has
honor_labels: true. In Python and Go it checks the names and label names of the
metrics prometheus_client and client_golang declare (Python's Counter adds
_total itself, Go's does not). Python, Go and YAML files are never linted as
metrics; files of no known kind are skipped with a note. Use - to read standard input (linted as
exposition unless its #! line says shell).

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

export type { FileReader } from './cliInput';

const NOT_LINTED: Readonly<Record<Exclude<FileKind, 'exposition' | 'shell' | 'yaml' | 'python' | 'go'>, string>> = {
  unknown: 'not a known kind of file (use --as exposition or --as shell to lint it)',
};

/**
 * With a shell parser, shell scripts get the tree-sitter push sites too (echo/printf/variables...);
 * without, their heredocs only. `loadParser` is called at the first shell script, if any.
 */
export async function runLint(
  args: readonly string[],
  output: CliOutput,
  reader: BlockFileReader = nodeBlockFileReader,
  loadParser: ShellParserLoader = noShellParser,
  loadClient: ClientParserLoader = loadClientParser,
): Promise<number> {
  const shellParser = loadOnce(loadParser);
  const parsed = parseLintArguments('lint', LINT_USAGE, args, output);
  if (typeof parsed === 'number') {
    return parsed;
  }
  const { severities, target, forcedKind } = parsed;

  const printer = new FindingPrinter(output, parsed.format);
  let ioProblem = false;
  for (const file of parsed.files) {
    if (file !== '-' && (forcedKind ?? kindByName(file)) === 'exposition') {
      // Read in blocks and linted family by family: a large file is never one string.
      let diagnostics: Diagnostic[];
      try {
        diagnostics = lintExpositionFile(file, reader, { severities, target });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === undefined) {
          throw error; // not the file's fault: a bug, for main's internal-error report
        }
        output.err(`pgw lint: cannot read ${file}: ${describeIoError(error)}\n`);
        ioProblem = true;
        continue;
      }
      await printer.print(file, diagnostics);
      continue;
    }
    const input = readInput(file, reader);
    if (!input.ok) {
      output.err(`pgw lint: ${input.error}\n`);
      ioProblem = true;
      continue;
    }
    const { name, text } = input.value;
    const kind = kindOf(file, text, forcedKind, 'exposition');
    if (kind === 'unknown') {
      output.err(`pgw lint: skipped ${name}: ${NOT_LINTED[kind]}\n`);
      continue;
    }
    const diagnostics =
      kind === 'python' || kind === 'go'
        ? lintDeclaredMetrics(kind, (await readClientCode('lint', kind, text, loadClient, output)).metrics, { severities, target })
        : kind === 'yaml'
          ? [...scrapeConfigDiagnostics(text, { severities }), ...(await lintYamlScripts(name, text, severities, target, shellParser, output))]
          : kind === 'shell'
            ? lintShell(text, severities, target, await shellParser())
            : lintExposition(text, { severities, target }).diagnostics;
    await printer.print(name, diagnostics);
  }
  printer.end();
  if (ioProblem) {
    return 2;
  }
  return printer.errors > 0 ? 1 : 0;
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

function lintShell(text: string, severities: Record<string, SeveritySetting>, target: GatewayTarget, parser: ShellParser | undefined): Diagnostic[] {
  const treeSites = parser === undefined ? undefined : treePushSitesOf(parser, text);
  return lintShellScript(text, { severities, target, ...(treeSites && { treeSites }) }).diagnostics;
}

/** The shell scripts embedded in a YAML file, on its lines; a script whose lines cannot be mapped exactly is named in a note. */
async function lintYamlScripts(name: string, text: string, severities: Record<string, SeveritySetting>, target: GatewayTarget, parser: ShellParserLoader, output: CliOutput): Promise<Diagnostic[]> {
  const found = findEmbeddedScripts(text);
  for (const refused of found.refused) {
    output.err(`pgw lint: note: ${name}:${refused.line + 1}: a ${refused.origin} script not linted: ${refused.reason}\n`);
  }
  return found.scripts.length === 0 ? [] : lintEmbeddedShell(found, await parser(), { severities, target }).diagnostics;
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
