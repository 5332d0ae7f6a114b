import { ALL_RULE_CODES, SeveritySetting } from '../core/exposition/lint';
import { parseRuleSeverities } from '../core/exposition/severitySettings';
import { FORCED_KINDS, ForcedKind, isForcedKind } from '../core/files/fileKind';
import { DEFAULT_GATEWAY_TARGET, GATEWAY_VERSIONS, GatewayTarget, isGatewayVersion } from '../core/protocol/gatewayTarget';
import { failure, Result, success } from '../core/result';
import { parseWithUsage } from './cliInput';
import { CliOutput } from './cliOutput';

// The arguments `pgw lint` and `pgw pushes` share: the output format, the rule severities and the
// target their exit status follows, a forced file kind, and the files.

interface LintArguments {
  readonly format: 'text' | 'json';
  readonly severities: Record<string, SeveritySetting>;
  readonly target: GatewayTarget;
  readonly forcedKind: ForcedKind | undefined;
  readonly files: readonly string[];
}

/** The arguments, or the exit status to leave with: 0 after `--help`, 2 after a usage error (its message printed). */
export function parseLintArguments(command: 'lint' | 'pushes', usage: string, args: readonly string[], output: CliOutput): LintArguments | number {
  const parsed = parseWithUsage(
    command,
    usage,
    {
      args: [...args],
      options: {
        format: { type: 'string', default: 'text' },
        rule: { type: 'string', multiple: true },
        'gateway-version': { type: 'string', default: DEFAULT_GATEWAY_TARGET.version },
        'utf8-names': { type: 'boolean', default: false },
        as: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    },
    output,
  );
  if (parsed === undefined) {
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    output.out(usage);
    return 0;
  }
  const usageError = (message: string) => (output.err(`pgw ${command}: ${message}\n`), 2);
  const format = values.format;
  if (format !== 'text' && format !== 'json') {
    return usageError(`--format must be text or json, not "${format}"`);
  }
  const rules = ruleSeverities(values.rule ?? []);
  if (!rules.ok) {
    return usageError(rules.error);
  }
  const target = lintTarget(values['gateway-version'], values['utf8-names'] === true);
  if (!target.ok) {
    return usageError(target.error);
  }
  const forcedKind = values.as;
  if (forcedKind !== undefined && !isForcedKind(forcedKind)) {
    return usageError(`--as must be ${FORCED_KINDS.join(', ')}, not "${forcedKind}"`);
  }
  if (positionals.length === 0) {
    output.err(`pgw ${command}: no file given (use - for standard input)\n\n${usage}`);
    return 2;
  }
  return { format, severities: rules.value, target: target.value, forcedKind, files: positionals };
}

/** `--gateway-version 1.11 --utf8-names` as the target; an unknown version, or UTF-8 names on 1.5, is a usage error. */
export function lintTarget(version: string | undefined, utf8Names: boolean): Result<GatewayTarget> {
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
