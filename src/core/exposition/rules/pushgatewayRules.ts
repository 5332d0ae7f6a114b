import { forEachMetric, labelsKey } from './familyMetrics';
import { GATEWAY_SELF_METRICS } from './gatewaySelfMetrics';
import { LabelPair, Sample, Span } from '../model';
import { Finding, LintRule, RuleContext } from './rule';

// What the Pushgateway itself refuses or silently changes, beyond what its text parser rejects.

function sampleSpan(sample: Sample): Span {
  return { line: sample.line, start: sample.name.span.start, end: sample.value.span.start };
}

export const timestampRule: LintRule = {
  code: 'timestamp',
  defaultSeverity: 'error',
  summary: 'A sample carries a timestamp: the Pushgateway rejects the whole push.',
  example: 'backup_size_bytes 1024 1700000000000',
  check: ({ document }) =>
    document.samples
      .filter((sample) => sample.timestamp)
      .map((sample) => ({
        span: sample.timestamp!.span,
        message: 'the Pushgateway rejects pushes with timestamps ("pushed metrics must not have timestamps"): remove it; the gateway records the push time itself',
      })),
};

/**
 * The metric identity the gateway's consistency check compares: the label pairs after the URL's
 * labels replace the body's (so they drop out of the comparison) and `instance=""` is added where
 * missing.
 */
function sanitizedKey(labels: readonly LabelPair[], urlLabels: ReadonlySet<string>): string {
  const pairs: Array<[string, string]> = [];
  let hasInstance = urlLabels.has('instance');
  for (const label of labels) {
    const name = label.name.text;
    if (!urlLabels.has(name)) {
      hasInstance ||= name === 'instance';
      pairs.push([name, label.value]);
    }
  }
  if (!hasInstance) {
    pairs.push(['instance', '']);
  }
  return labelsKey(pairs);
}

export const duplicateSeriesRule: LintRule = {
  code: 'duplicate-series',
  defaultSeverity: 'error',
  summary: 'Two samples with the same name and labels (after the URL\'s grouping labels replace the body\'s): the push is rejected.',
  example: 'jobs_processed_total{queue="a"} 1\njobs_processed_total{queue="a"} 2',
  check: ({ document, urlLabels }) => {
    const findings: Finding[] = [];
    for (const family of document.families) {
      const firstLineOfKey = new Map<string, number>();
      forEachMetric(family, (labels, sample) => {
        const key = sanitizedKey(labels, urlLabels);
        const earlierLine = firstLineOfKey.get(key);
        if (earlierLine === undefined) {
          firstLineOfKey.set(key, sample.line);
          return;
        }
        const overwritten = sample.labels.filter((label) => urlLabels.has(label.name.text)).map((label) => label.name.text);
        findings.push({
          span: sampleSpan(sample),
          message:
            `the same series as line ${earlierLine + 1}: the Pushgateway rejects the push ("was collected before with the same name and label values")` +
            (overwritten.length > 0 ? `; ${overwritten.join(', ')} comes from the push URL and replaces the value written here` : ''),
        });
      });
    }
    return findings;
  },
};

function labelFindings(context: RuleContext, select: (label: LabelPair) => string | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const sample of context.document.samples) {
    for (const label of sample.labels) {
      const message = select(label);
      if (message) {
        findings.push({ span: label.name.span, message });
      }
    }
  }
  return findings;
}

export const reservedLabelRule: LintRule = {
  code: 'reserved-label-name',
  defaultSeverity: 'error',
  summary: 'A label name starting with "__" is reserved for Prometheus\' internal use: the push is rejected.',
  example: 'queue_length{__source="cron"} 3',
  check: (context) =>
    labelFindings(context, (label) =>
      label.name.text.startsWith('__') && label.name.text !== '__name__'
        ? `label names starting with "__" are reserved: the Pushgateway rejects the push; rename ${label.name.text}`
        : undefined,
    ),
};

export const urlLabelInBodyRule: LintRule = {
  code: 'url-label-in-body',
  defaultSeverity: 'warning',
  summary: 'The body sets `job` (or another grouping label of the push URL): the gateway overwrites it with the URL\'s value.',
  example: 'backup_size_bytes{job="backup"} 1024',
  check: (context) =>
    labelFindings(context, (label) =>
      context.urlLabels.has(label.name.text)
        ? `the ${label.name.text} label comes from the push URL (/metrics/job/...); the gateway replaces this value with the URL's`
        : undefined,
    ),
};

const GATEWAY_OWNED_METRICS = new Set(['push_time_seconds', 'push_failure_time_seconds']);

export const gatewayOwnedMetricRule: LintRule = {
  code: 'gateway-owned-metric',
  defaultSeverity: 'warning',
  summary: '`push_time_seconds` and `push_failure_time_seconds` are written by the gateway itself: pushed values are replaced.',
  example: 'push_time_seconds 1700000000',
  check: ({ document }) =>
    document.samples
      .filter((sample) => GATEWAY_OWNED_METRICS.has(sample.name.text))
      .map((sample) => ({
        span: sample.name.span,
        message: `${sample.name.text} is maintained by the Pushgateway for every group: the value pushed here is replaced by the gateway's own`,
      })),
};

const COLLIDING_SUFFIXES: Record<string, readonly string[]> = {
  histogram: ['_bucket', '_count', '_sum'],
  summary: ['_count', '_sum'],
};

export const suffixCollisionRule: LintRule = {
  code: 'suffix-collision',
  defaultSeverity: 'error',
  summary: 'A family named like a histogram\'s or summary\'s own series (`x_bucket`, `x_count`, `x_sum`) next to that histogram or summary: the push is rejected.',
  example: 'h_seconds_bucket{le="1"} 1\n# TYPE h_seconds histogram\nh_seconds_count 1',
  check: ({ document }) => {
    const withSamples = new Map(document.families.filter((family) => family.samples.length > 0).map((family) => [family.name, family]));
    const findings: Finding[] = [];
    for (const family of withSamples.values()) {
      for (const suffix of COLLIDING_SUFFIXES[family.effectiveType] ?? []) {
        const other = withSamples.get(`${family.name}${suffix}`);
        if (other) {
          findings.push({
            span: other.samples[0].name.span,
            message:
              `${other.name} collides with the ${family.effectiveType} ${family.name}, which has its own ${other.name} series: the Pushgateway rejects the push` +
              (other.samples[0].line < (family.type?.line ?? Infinity) ? ` (a sample before "# TYPE ${family.name} ${family.effectiveType}" does not belong to it: move the TYPE line up)` : ''),
          });
        }
      }
    }
    return findings;
  },
};

export const gatewaySelfMetricRule: LintRule = {
  code: 'gateway-self-metric',
  defaultSeverity: 'error',
  summary: 'A family named like one of the gateway\'s own metrics (`go_goroutines`, `process_*`, `pushgateway_*`) but with another type: the push is rejected.',
  example: '# TYPE go_goroutines counter\ngo_goroutines 5',
  check: ({ document }) =>
    document.families
      .filter((family) => family.samples.length > 0)
      .flatMap((family) => {
        const expected = GATEWAY_SELF_METRICS.get(family.name);
        if (!expected || expected === family.effectiveType) {
          return [];
        }
        return [
          {
            span: family.type?.typeToken.span ?? family.samples[0].name.span,
            message: `${family.name} is one of the Pushgateway's own metrics, a ${expected}; pushed as ${family.effectiveType} it is rejected ("has type ${family.effectiveType.toUpperCase()} but should have ${expected.toUpperCase()}"): rename it`,
          },
        ];
      }),
};

export const gaugeHistogramRule: LintRule = {
  code: 'gauge-histogram',
  defaultSeverity: 'warning',
  summary: '`# TYPE x gauge_histogram` is accepted, but the gateway stores the samples without values and its /metrics output breaks.',
  example: '# TYPE queue_wait gauge_histogram',
  check: ({ document }) =>
    document.families
      .filter((family) => family.effectiveType === 'gauge_histogram' && family.type)
      .map((family) => ({
        span: family.type!.typeToken.span,
        message: 'the Pushgateway accepts gauge_histogram but keeps no values for it, and its /metrics output is then cut short at this family, breaking scrapes: use histogram or gauge',
      })),
};

export const PUSHGATEWAY_RULES: readonly LintRule[] = [
  timestampRule,
  duplicateSeriesRule,
  reservedLabelRule,
  suffixCollisionRule,
  gatewaySelfMetricRule,
  gaugeHistogramRule,
  urlLabelInBodyRule,
  gatewayOwnedMetricRule,
];
