import { Diagnostic } from '../core/exposition/diagnostic';
import { lintExposition, SeveritySetting } from '../core/exposition/lint';
import { lintShellScript } from '../core/shell/lintShellScript';
import { FileKind } from '../core/files/fileKind';
import { scrapeConfigDiagnostics } from '../core/scrape/scrapeConfig';
import { GatewayTarget } from '../core/protocol/gatewayTarget';
import { kindOf, loadOnce, noShellParser, readInput, ShellParserLoader } from './cliInput';
import { BlockFileReader, nodeBlockFileReader } from './expositionFile';
import { CliOutput } from './cliOutput';
import { FindingPrinter, isExpositionFile, LINT_USAGE, printExpositionFileFindings, runExpositionLint } from './expositionLint';
import { parseLintArguments } from './lintArguments';
import { ShellParser } from '../core/shell/tree/shellParser';
import { treePushSitesOf } from '../core/shell/tree/pushSites';
import { lintClientCode } from '../core/clients/clientMetricLint';
import { ClientParserLoader, loadClientParser, readClientCode } from './clientInput';
import { findEmbeddedScripts } from '../core/embedded/embeddedScripts';
import { lintEmbeddedShell } from '../core/embedded/lintEmbedded';

export type { FileReader } from './cliInput';
export { FindingPrinter, LINT_USAGE } from './expositionLint';

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
  // Exposition files alone, the usual run, are what dist/pgw.js lints without the rest of the CLI.
  const expositionOnly = await runExpositionLint(args, output, reader);
  if (expositionOnly !== undefined) {
    return expositionOnly;
  }
  const shellParser = loadOnce(loadParser);
  const parsed = parseLintArguments('lint', LINT_USAGE, args, output);
  if (typeof parsed === 'number') {
    return parsed;
  }
  const { severities, target, forcedKind } = parsed;

  const printer = new FindingPrinter(output, parsed.format);
  let ioProblem = false;
  for (const file of parsed.files) {
    if (isExpositionFile(file, forcedKind)) {
      ioProblem = !(await printExpositionFileFindings(file, reader, { severities, target }, printer, output)) || ioProblem;
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
        ? lintClientCode(kind, await readClientCode('lint', kind, text, loadClient, output), { severities, target })
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
