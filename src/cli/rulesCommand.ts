import * as fs from 'node:fs';
import * as path from 'node:path';
import { AlertRuleSpec, alertRuleFiles } from '../core/rules/alertRules';
import { parseDuration } from '../core/duration';
import { parseWithUsage } from './cliInput';
import { CliOutput } from './cliOutput';

export const RULES_USAGE = `Usage: pgw rules --job NAME [--grouping LABEL=VALUE]... [--stale-after 25h]
                 [--gateway-job pushgateway] [--last-success-metric NAME] [--out DIR]

Prints Prometheus alert rules for a batch job that pushes to a Pushgateway:
  PushgatewayJobStale       the job's last success (its --last-success-metric
                            gauge) or, without one, its last push is older than
                            --stale-after
  PushgatewayJobPushFailed  the gateway refused the job's last push
  PushgatewayDown           Prometheus cannot scrape the gateway (once per
                            gateway: keep that group in one rule file only)

Options:
  --job NAME             The job in the grouping key (required).
  --grouping LABEL=VALUE Another grouping label of the job's group; repeatable.
  --stale-after DURATION Staleness threshold, like 25h, 90m or 7d (default 25h,
                         for a daily job).
  --gateway-job NAME     The job label of Prometheus's scrape of the gateway
                         (default pushgateway).
  --last-success-metric NAME
                         The job's last-success gauge (Unix seconds), e.g.
                         backup_last_success_unixtime.
  --out DIR              Also write NAME.rules.yml and NAME.rules.test.yml (for
                         promtool test rules) into DIR.
  -h, --help             Show this help.

Exit codes: 0 done, 1 a file could not be written, 2 bad arguments.
`;

const DEFAULT_STALE_AFTER = '25h';
const DEFAULT_GATEWAY_JOB = 'pushgateway';

/** Writes the named files into a folder (made when missing); injected so tests can fail it. */
export type FileWriter = (folder: string, files: ReadonlyArray<readonly [string, string]>) => string[];

export const nodeFileWriter: FileWriter = (folder, files) => {
  fs.mkdirSync(folder, { recursive: true });
  return files.map(([name, text]) => {
    const file = path.join(folder, name);
    fs.writeFileSync(file, text);
    return file;
  });
};

function parseGrouping(pairs: readonly string[]): Array<readonly [string, string]> | string {
  const grouping: Array<readonly [string, string]> = [];
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      return `--grouping must be LABEL=VALUE, not "${pair}"`;
    }
    grouping.push([pair.slice(0, equals), pair.slice(equals + 1)]);
  }
  return grouping;
}

/** The spec the options describe, or what is wrong with them. */
function specFromOptions(values: { job?: string; grouping?: string[]; 'stale-after': string; 'gateway-job': string; 'last-success-metric'?: string }): AlertRuleSpec | string {
  if (values.job === undefined) {
    return '--job NAME is required';
  }
  const grouping = parseGrouping(values.grouping ?? []);
  if (typeof grouping === 'string') {
    return grouping;
  }
  const staleAfter = parseDuration(values['stale-after']);
  if (!staleAfter.ok) {
    return `--stale-after: ${staleAfter.error}`;
  }
  return { job: values.job, grouping, staleAfterSeconds: staleAfter.value, gatewayJob: values['gateway-job'], lastSuccessMetric: values['last-success-metric'] };
}

export function runRules(args: readonly string[], output: CliOutput, writer: FileWriter = nodeFileWriter): number {
  const parsed = parseWithUsage(
    'rules',
    RULES_USAGE,
    {
      args: [...args],
      options: {
        job: { type: 'string' },
        grouping: { type: 'string', multiple: true },
        'stale-after': { type: 'string', default: DEFAULT_STALE_AFTER },
        'gateway-job': { type: 'string', default: DEFAULT_GATEWAY_JOB },
        'last-success-metric': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    output,
  );
  if (parsed === undefined) {
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    output.out(RULES_USAGE);
    return 0;
  }
  const spec = specFromOptions(values);
  if (typeof spec === 'string') {
    output.err(`pgw rules: ${spec}\n\n${RULES_USAGE}`);
    return 2;
  }
  const generated = alertRuleFiles(spec);
  if (!generated.ok) {
    output.err(`pgw rules: ${generated.error}\n`);
    return 2;
  }
  if (values.out === '') {
    output.err('pgw rules: --out needs a folder\n');
    return 2;
  }
  output.out(generated.value.ruleText);
  if (values.out === undefined) {
    return 0;
  }
  try {
    const written = writer(values.out, [
      [generated.value.ruleFileName, generated.value.ruleText],
      [generated.value.testFileName, generated.value.testText],
    ]);
    output.err(`pgw rules: wrote ${written.join(' and ')}\n`);
    return 0;
  } catch (error) {
    output.err(`pgw rules: cannot write into ${values.out}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
