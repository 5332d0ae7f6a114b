import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { decodeExposition } from '../core/exposition/decode';
import { Diagnostic } from '../core/exposition/diagnostic';
import { ALL_RULE_CODES, hasErrors, lintExposition, SeveritySetting } from '../core/exposition/lint';
import { parseRuleSeverities } from '../core/exposition/severitySettings';
import { lintShellScript } from '../core/shell/lintShellScript';
import { isScrapeConfigFile, scrapeConfigDiagnostics } from '../core/scrape/scrapeConfig';
import { failure, Result, success } from '../core/result';
import { DEFAULT_GATEWAY_TARGET, GATEWAY_VERSIONS, GatewayTarget, isGatewayVersion } from '../core/protocol/gatewayTarget';
import { CliOutput } from './cliOutput';

export const LINT_USAGE = `Usage: pgw lint [--format text|json] [--rule CODE=SEVERITY]...
                [--gateway-version 1.11|1.5] [--utf8-names] FILE...

Lints Prometheus exposition files (.prom, .txt, ...) the way the Pushgateway and
promtool judge them, and the metric heredocs of shell scripts (.sh, .bash, or a
#!/bin/sh-style first line): heredocs fed to curl/wget/httpie with a
/metrics/job/ URL, or with a delimiter such as PROM or METRICS. In a Prometheus
configuration (.yml, .yaml) it checks that a job scraping a Pushgateway has
honor_labels: true. Use - to read standard input.

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
  -h, --help           Show this help.

Exit status: 0 no error, 1 at least one error-severity finding, 2 usage or I/O error.
`;

export interface FileReader {
  readFile(path: string): Uint8Array;
  readStdin(): Uint8Array;
}

export const nodeFileReader: FileReader = {
  readFile: (path) => fs.readFileSync(path),
  readStdin: () => fs.readFileSync(0),
};

interface FileDiagnostic extends Diagnostic {
  readonly file: string;
}

const SHELL_EXTENSION = /\.(sh|bash|zsh|ksh)$/;
const SHELL_SHEBANG = /^#!\s*\S*\/(env\s+)?(ba|da|z|k)?sh\b/;

function isShellScript(file: string, text: string): boolean {
  return SHELL_EXTENSION.test(file) || SHELL_SHEBANG.test(text.slice(0, 200));
}

export function runLint(args: readonly string[], output: CliOutput, reader: FileReader = nodeFileReader): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        format: { type: 'string', default: 'text' },
        rule: { type: 'string', multiple: true },
        'gateway-version': { type: 'string', default: DEFAULT_GATEWAY_TARGET.version },
        'utf8-names': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    output.err(`pgw lint: ${error instanceof Error ? error.message : String(error)}\n\n${LINT_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    output.out(LINT_USAGE);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    output.err(`pgw lint: --format must be text or json, not "${values.format}"\n`);
    return 2;
  }
  const rules = ruleSeverities(values.rule ?? []);
  if (!rules.ok) {
    output.err(`pgw lint: ${rules.error}\n`);
    return 2;
  }
  const severities = rules.value;
  const chosenTarget = lintTarget(values['gateway-version'], values['utf8-names'] === true);
  if (!chosenTarget.ok) {
    output.err(`pgw lint: ${chosenTarget.error}\n`);
    return 2;
  }
  const target = chosenTarget.value;
  if (positionals.length === 0) {
    output.err(`pgw lint: no file given (use - for standard input)\n\n${LINT_USAGE}`);
    return 2;
  }

  const findings: FileDiagnostic[] = [];
  let ioProblem = false;
  for (const file of positionals) {
    let bytes: Uint8Array;
    try {
      bytes = file === '-' ? reader.readStdin() : reader.readFile(file);
    } catch (error) {
      output.err(`pgw lint: cannot read ${file}: ${describeIoError(error)}\n`);
      ioProblem = true;
      continue;
    }
    const name = file === '-' ? '<stdin>' : file;
    const text = decodeExposition(bytes);
    const diagnostics = isScrapeConfigFile(file)
      ? scrapeConfigDiagnostics(text, { severities })
      : isShellScript(file, text)
        ? lintShellScript(text, { severities, target }).diagnostics
        : lintExposition(text, { severities, target }).diagnostics;
    for (const diagnostic of diagnostics) {
      findings.push({ ...diagnostic, file: name });
    }
  }

  if (values.format === 'json') {
    output.out(`${JSON.stringify(findings.map(toJson), null, 2)}\n`);
  } else {
    for (const finding of findings) {
      output.out(`${finding.file}:${finding.span.line + 1}:${finding.span.start + 1}: ${finding.severity} ${finding.code} ${finding.message}\n`);
    }
    output.err(`${summarize(findings)}\n`);
  }
  if (ioProblem) {
    return 2;
  }
  return hasErrors(findings) ? 1 : 0;
}

/** `--gateway-version 1.11 --utf8-names` as the target; an unknown version, or UTF-8 names on 1.5, is a usage error. */
function lintTarget(version: string | undefined, utf8Names: boolean): Result<GatewayTarget> {
  if (!isGatewayVersion(version)) {
    return failure(`--gateway-version must be ${GATEWAY_VERSIONS.join(' or ')}, not "${version}" (1.9 and 1.10 lint as 1.11; 1.5 to 1.8 as 1.5)`);
  }
  if (utf8Names && version !== '1.11') {
    return failure(`--utf8-names needs --gateway-version 1.11: Pushgateway ${version} has no UTF-8 names`);
  }
  return success({ version, utf8Names, consistencyCheckDisabled: false });
}

/** `--rule no-help=off --rule timestamp=warning` as severities; a malformed or unknown one is a usage error. */
function ruleSeverities(options: readonly string[]): Result<Record<string, SeveritySetting>> {
  const raw: Record<string, string> = {};
  for (const option of options) {
    const [code, severity, ...rest] = option.split('=');
    if (!code || severity === undefined || rest.length > 0) {
      return failure(`--rule takes CODE=SEVERITY, e.g. --rule no-help=off, not "${option}"`);
    }
    raw[code] = severity;
  }
  const { severities, problems } = parseRuleSeverities(raw, new Set(ALL_RULE_CODES), '--rule');
  return problems.length > 0 ? failure(problems.join('; ')) : success(severities);
}

function toJson(finding: FileDiagnostic) {
  return {
    file: finding.file,
    line: finding.span.line + 1,
    column: finding.span.start + 1,
    endLine: finding.span.line + 1,
    endColumn: finding.span.end + 1,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
  };
}

function summarize(findings: readonly FileDiagnostic[]): string {
  const count = (severity: string) => findings.filter((finding) => finding.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info') + count('hint')} other`;
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return 'no such file';
  }
  if (code === 'EISDIR') {
    return 'it is a directory';
  }
  if (code === 'EACCES') {
    return 'permission denied';
  }
  return error instanceof Error ? error.message : String(error);
}
