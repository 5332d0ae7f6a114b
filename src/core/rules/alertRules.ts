import { failure, Result, success } from '../result';
import { describeThreshold } from '../groups/groupHealth';
import { formatDuration } from '../duration';
import { checkGroupingLabelName } from '../protocol/labelNames';
import { isLegacyMetricName } from '../protocol/nameEscaping';
import { promqlLabels, promqlString, yamlComment, yamlString } from './yamlText';

/** What the alert rules are for: one job's group on a gateway, and the gateway's scrape job. */
export interface AlertRuleSpec {
  readonly job: string;
  /** The grouping labels after `job`, in the order of the push path. */
  readonly grouping: ReadonlyArray<readonly [string, string]>;
  /** The job is stale when its last success (or its last push) is older than this. */
  readonly staleAfterSeconds: number;
  /** The `job` label Prometheus gives the gateway's own scrape (its `up`). */
  readonly gatewayJob: string;
  /** The job's last-success gauge (Unix seconds), when it pushes one; staleness goes by it then. */
  readonly lastSuccessMetric?: string;
}

export interface AlertRuleFiles {
  readonly ruleFileName: string;
  readonly ruleText: string;
  /** The `promtool test rules` file; it names the rule file relative to its own folder. */
  readonly testFileName: string;
  readonly testText: string;
}

export const ALERT_NAMES = { stale: 'PushgatewayJobStale', pushFailed: 'PushgatewayJobPushFailed', gatewayDown: 'PushgatewayDown' } as const;

/** Shorter thresholds would alert between two runs of anything scheduled by cron. */
const MIN_STALE_AFTER_SECONDS = 60;
const GATEWAY_DOWN_FOR = '5m';
/** The instance the test series carry when the grouping key names none: with honor_labels, the gateway's own. */
const TEST_GATEWAY_INSTANCE = 'pushgateway.example:9091';

interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Templates that use only `{{ $labels.<name> }}`, so that the test file can render them. */
  readonly annotations: Readonly<Record<string, string>>;
}

/** What is wrong with a spec, or nothing. */
function checkAlertRuleSpec(spec: AlertRuleSpec): string | undefined {
  if (spec.job === '') {
    return 'the job name must not be empty';
  }
  if (spec.gatewayJob === '') {
    return 'the gateway job name must not be empty';
  }
  const seen = new Set<string>(['job']);
  for (const [name] of spec.grouping) {
    if (checkGroupingLabelName(name) !== undefined) {
      return `"${name}" is not a grouping label name (letters, digits and _, not starting with a digit or __)`;
    }
    if (seen.has(name)) {
      return `the grouping label "${name}" is given twice${name === 'job' ? ' (the job is given by --job)' : ''}`;
    }
    seen.add(name);
  }
  if (spec.lastSuccessMetric !== undefined && !isLegacyMetricName(spec.lastSuccessMetric)) {
    return `"${spec.lastSuccessMetric}" is not a metric name`;
  }
  if (!Number.isSafeInteger(spec.staleAfterSeconds) || spec.staleAfterSeconds < MIN_STALE_AFTER_SECONDS) {
    return `the staleness threshold must be whole seconds, at least ${formatDuration(MIN_STALE_AFTER_SECONDS)}`;
  }
  return undefined;
}

function groupSelector(spec: AlertRuleSpec): string {
  return promqlLabels([['job', spec.job], ...spec.grouping]);
}

function staleRule(spec: AlertRuleSpec): AlertRule {
  const threshold = describeThreshold(spec.staleAfterSeconds);
  const gauge = spec.lastSuccessMetric ?? 'push_time_seconds';
  const byWhat = spec.lastSuccessMetric ? `its last-success gauge ${spec.lastSuccessMetric}` : 'its last push (push_time_seconds: it pushes no last-success gauge)';
  return {
    alert: ALERT_NAMES.stale,
    expr: `time() - ${gauge}${groupSelector(spec)} > ${spec.staleAfterSeconds}`,
    labels: { severity: 'warning' },
    annotations: {
      summary: 'Batch job {{ $labels.job }} is stale',
      description: `Job {{ $labels.job }} (instance {{ $labels.instance }}) has not ${spec.lastSuccessMetric ? 'succeeded' : 'pushed'} for more than ${threshold}, by ${byWhat}. The Pushgateway keeps serving its last push, so nothing else notices.`,
      runbook: `Look at the job's scheduler (cron, CronJob, CI) and its last run's log. If the job was retired, delete its group from the Pushgateway (pgw clean, or Delete Group in the editor's Gateways view).`,
    },
  };
}

function pushFailedRule(spec: AlertRuleSpec): AlertRule {
  const selector = groupSelector(spec);
  return {
    alert: ALERT_NAMES.pushFailed,
    expr: `push_failure_time_seconds${selector} > push_time_seconds${selector}`,
    labels: { severity: 'warning' },
    annotations: {
      summary: 'The last push of batch job {{ $labels.job }} failed',
      description: 'The Pushgateway refused the last push of job {{ $labels.job }} (instance {{ $labels.instance }}) and still serves the push before it.',
      runbook:
        "Read the gateway's answer to the push (the job's log, or the gateway's log at debug level): usually a metric that is inconsistent with another group's, or a malformed body. Lint the pushed text with pgw lint.",
    },
  };
}

function gatewayDownRule(spec: AlertRuleSpec): AlertRule {
  const up = `up${promqlLabels([['job', spec.gatewayJob]])}`;
  return {
    alert: ALERT_NAMES.gatewayDown,
    expr: `${up} == 0 or absent(${up})`,
    for: GATEWAY_DOWN_FOR,
    labels: { severity: 'critical' },
    annotations: {
      summary: 'Pushgateway {{ $labels.job }} is down',
      description: `Prometheus has not scraped the Pushgateway (scrape job {{ $labels.job }}) for ${GATEWAY_DOWN_FOR}: no batch job's metrics arrive, and pushes may be failing.`,
      runbook: "Check the gateway's process and its /-/healthy endpoint, then Prometheus's target page for the scrape error.",
    },
  };
}

function ruleYaml(rule: AlertRule): string[] {
  const lines = [`      - alert: ${rule.alert}`, `        expr: ${yamlString(rule.expr)}`];
  if (rule.for) {
    lines.push(`        for: ${rule.for}`);
  }
  lines.push('        labels:', ...Object.entries(rule.labels).map(([name, value]) => `          ${name}: ${yamlString(value)}`));
  lines.push('        annotations:', ...Object.entries(rule.annotations).map(([name, value]) => `          ${name}: ${yamlString(value)}`));
  return lines;
}

function groupYaml(name: string, rules: readonly AlertRule[]): string[] {
  return [`  - name: ${yamlString(name)}`, '    rules:', ...rules.flatMap(ruleYaml)];
}

/** The gateway's rule group is named after its scrape job only, so it reads the same in every job's file. */
function gatewayGroupName(gatewayJob: string): string {
  return `pushgateway-${gatewayJob}`;
}

function fileBaseName(spec: AlertRuleSpec): string {
  return [spec.job, ...spec.grouping.map(([, value]) => value)]
    .join('-')
    .replace(/[^A-Za-z0-9_.-]/g, '_')
    .replace(/^\.+/, '_');
}

/** `{{ $labels.name }}` replaced by the label's value: how Prometheus renders the templates this file writes. */
function renderAnnotation(template: string, labels: ReadonlyMap<string, string>): string {
  return template.replace(/\{\{ \$labels\.([a-zA-Z_][a-zA-Z0-9_]*) \}\}/g, (_, name: string) => labels.get(name) ?? '');
}

interface AlertTestCase {
  readonly comment: string;
  readonly interval: number;
  readonly series: ReadonlyArray<{ readonly metric: string; readonly labels: ReadonlyArray<readonly [string, string]>; readonly values: string }>;
  readonly checks: ReadonlyArray<{ readonly atSeconds: number; readonly rule: AlertRule; readonly firing?: ReadonlyArray<readonly [string, string]> }>;
}

function alertTestYaml(test: AlertTestCase): string[] {
  const lines = [`  ${yamlComment(test.comment)}`, `  - interval: ${formatDuration(test.interval)}`, '    input_series:'];
  for (const series of test.series) {
    lines.push(`      - series: ${yamlString(`${series.metric}${promqlLabels(series.labels)}`)}`, `        values: ${yamlString(series.values)}`);
  }
  lines.push('    alert_rule_test:');
  for (const check of test.checks) {
    lines.push(`      - eval_time: ${formatDuration(check.atSeconds)}`, `        alertname: ${check.rule.alert}`);
    if (!check.firing) {
      lines.push('        exp_alerts: []');
      continue;
    }
    const labels = new Map([...check.firing, ...Object.entries(check.rule.labels)]);
    lines.push('        exp_alerts:', '          - exp_labels:', ...[...labels].map(([name, value]) => `              ${name}: ${yamlString(value)}`));
    lines.push('            exp_annotations:', ...Object.entries(check.rule.annotations).map(([name, template]) => `              ${name}: ${yamlString(renderAnnotation(template, labels))}`));
  }
  return lines;
}

function groupSeriesLabels(spec: AlertRuleSpec): Array<readonly [string, string]> {
  const labels: Array<readonly [string, string]> = [['job', spec.job], ...spec.grouping];
  return spec.grouping.some(([name]) => name === 'instance') ? labels : [...labels, ['instance', TEST_GATEWAY_INSTANCE]];
}

/**
 * Staleness at both sides of the threshold: a step of about a hundredth of it (whole minutes), the
 * last step not past the threshold (no alert: the rule says "more than") and the first past it.
 */
function staleTest(spec: AlertRuleSpec, rule: AlertRule): AlertTestCase {
  const step = 60 * Math.max(1, Math.floor(spec.staleAfterSeconds / 6_000));
  const lastQuiet = Math.floor(spec.staleAfterSeconds / step) * step;
  const labels = groupSeriesLabels(spec);
  return {
    comment: `Stale: the job last ${spec.lastSuccessMetric ? 'succeeded' : 'pushed'} at 0 s; quiet up to ${formatDuration(spec.staleAfterSeconds)}, firing after.`,
    interval: step,
    series: [{ metric: spec.lastSuccessMetric ?? 'push_time_seconds', labels, values: `0+0x${(lastQuiet + step) / step}` }],
    checks: [
      { atSeconds: lastQuiet, rule },
      { atSeconds: lastQuiet + step, rule, firing: labels },
    ],
  };
}

function pushFailedTest(spec: AlertRuleSpec, rule: AlertRule): AlertTestCase {
  const labels = groupSeriesLabels(spec);
  return {
    comment: 'Push failed: pushed at 100 s; a failure at 0 (never) until 5m, then at 200 s.',
    interval: 60,
    series: [
      { metric: 'push_time_seconds', labels, values: '100+0x10' },
      { metric: 'push_failure_time_seconds', labels, values: '0+0x4 200+0x5' },
    ],
    checks: [
      { atSeconds: 240, rule },
      { atSeconds: 300, rule, firing: labels },
    ],
  };
}

function gatewayDownTests(spec: AlertRuleSpec, rule: AlertRule): AlertTestCase[] {
  const scraped: Array<readonly [string, string]> = [
    ['job', spec.gatewayJob],
    ['instance', TEST_GATEWAY_INSTANCE],
  ];
  const otherJob = spec.gatewayJob === 'prometheus' ? 'node' : 'prometheus';
  return [
    {
      comment: `Gateway down: up until 5m, down from 6m, firing ${GATEWAY_DOWN_FOR} later.`,
      interval: 60,
      series: [{ metric: 'up', labels: scraped, values: '1+0x5 0+0x10' }],
      checks: [
        { atSeconds: 300, rule },
        { atSeconds: 600, rule },
        { atSeconds: 660, rule, firing: scraped },
      ],
    },
    {
      comment: 'Gateway absent: Prometheus does not scrape it at all.',
      interval: 60,
      series: [{ metric: 'up', labels: [['job', otherJob]], values: '1+0x10' }],
      checks: [
        { atSeconds: 240, rule },
        { atSeconds: 300, rule, firing: [['job', spec.gatewayJob]] },
      ],
    },
  ];
}

/** The rule file for a job (its group, and the gateway's) and a `promtool test rules` file that checks every rule. */
export function alertRuleFiles(spec: AlertRuleSpec): Result<AlertRuleFiles> {
  const problem = checkAlertRuleSpec(spec);
  if (problem) {
    return failure(problem);
  }
  const base = fileBaseName(spec);
  const ruleFileName = `${base}.rules.yml`;
  const testFileName = `${base}.rules.test.yml`;
  const stale = staleRule(spec);
  const pushFailed = pushFailedRule(spec);
  const gatewayDown = gatewayDownRule(spec);
  const ruleText = [
    yamlComment(`Alert rules for the batch job ${promqlString(spec.job)} pushed to the Pushgateway (scraped as job ${promqlString(spec.gatewayJob)}, with honor_labels: true).`),
    yamlComment(`The group ${yamlString(gatewayGroupName(spec.gatewayJob))} is the same for every job: keep it in one rule file only.`),
    yamlComment(`Written by Pushgateway Workbench. Check: promtool check rules ${ruleFileName}; promtool test rules ${testFileName}`),
    'groups:',
    ...groupYaml(`pushgateway-job-${base}`, [stale, pushFailed]),
    ...groupYaml(gatewayGroupName(spec.gatewayJob), [gatewayDown]),
    '',
  ].join('\n');
  const testText = [
    yamlComment(`Unit tests of ${ruleFileName}: promtool test rules ${testFileName}`),
    'rule_files:',
    `  - ${yamlString(ruleFileName)}`,
    'evaluation_interval: 1m',
    'tests:',
    ...[staleTest(spec, stale), pushFailedTest(spec, pushFailed), ...gatewayDownTests(spec, gatewayDown)].flatMap(alertTestYaml),
    '',
  ].join('\n');
  return success({ ruleFileName, ruleText, testFileName, testText });
}
