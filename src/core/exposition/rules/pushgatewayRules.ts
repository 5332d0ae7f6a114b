import { anyLabelName, forEachMetric, labelsKey } from './familyMetrics';
import { GATEWAY_SELF_METRICS } from './gatewaySelfMetrics';
import { HashIndex } from './hashIndex';
import { mayHaveDuplicateSeries, SanitizedHasher } from './seriesHash';
import { LabelPair, Sample, Span } from '../model';
import { Finding, findingsByFamily, LintRule, RuleContext } from './rule';

// What the Pushgateway itself refuses or silently changes, beyond what its text parser rejects.

function sampleSpan(sample: Sample): Span {
  return { line: sample.line, start: sample.name.span.start, end: sample.value.span.start };
}

export const timestampRule: LintRule = {
  code: 'timestamp',
  defaultSeverity: 'error',
  summary: 'A sample carries a timestamp: the Pushgateway rejects the whole push.',
  example: 'backup_size_bytes 1024 1700000000000',
  // Family by family, which spares linting family by family (lintByFamily.ts) the list of all samples; the findings are sorted by line in the end.
  check: ({ document }) =>
    findingsByFamily(document.families, (family, findings) => {
      for (const sample of family.samples) {
        if (sample.timestamp) {
          findings.push({
            span: sample.timestamp.span,
            message: 'the Pushgateway rejects pushes with timestamps ("pushed metrics must not have timestamps"): remove it; the gateway records the push time itself',
          });
        }
      }
    }),
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

/** Label lists longer than this are compared by their sanitizedKey rather than label by label. */
const MANY_LABELS = 16;

/** Whether two label lists have the same sanitizedKey. */
function sameSanitizedSeries(a: readonly LabelPair[], b: readonly LabelPair[], urlLabels: ReadonlySet<string>): boolean {
  if (a.length > MANY_LABELS || b.length > MANY_LABELS) {
    return sanitizedKey(a, urlLabels) === sanitizedKey(b, urlLabels);
  }
  // Names are unique in a sample's labels, so two pair sets that each hold the other's pairs are equal.
  return sanitizedPairsWithin(a, b, urlLabels) && sanitizedPairsWithin(b, a, urlLabels);
}

/** Whether each pair of `a`'s sanitizedKey is one of `b`'s. */
function sanitizedPairsWithin(a: readonly LabelPair[], b: readonly LabelPair[], urlLabels: ReadonlySet<string>): boolean {
  let hasInstance = urlLabels.has('instance');
  for (const label of a) {
    const name = label.name.text;
    if (!urlLabels.has(name)) {
      hasInstance ||= name === 'instance';
      if (sanitizedValue(b, name) !== label.value) {
        return false;
      }
    }
  }
  return hasInstance || sanitizedValue(b, 'instance') === '';
}

/** The value of a kept label (not one of the URL's) in a sanitizedKey; `instance` is "" when missing. */
function sanitizedValue(labels: readonly LabelPair[], name: string): string | undefined {
  for (const label of labels) {
    if (label.name.text === name) {
      return label.value;
    }
  }
  return name === 'instance' ? '' : undefined;
}

interface IndexedMetric {
  readonly labels: readonly LabelPair[];
  readonly line: number;
}

/**
 * The metrics of one family seen so far, by the hash of their sanitized labels: no key string is
 * built per metric, which took most of this rule's time on large documents.
 */
class SeriesIndex {
  private readonly index = new HashIndex<IndexedMetric>((a, b) => sameSanitizedSeries(a.labels, b.labels, this.urlLabels));
  private readonly hasher: SanitizedHasher;

  constructor(private readonly urlLabels: ReadonlySet<string>) {
    this.hasher = new SanitizedHasher(urlLabels);
  }

  /** The line of an earlier metric with the same sanitized labels; else this metric is recorded and the answer is undefined. */
  earlierLine(labels: readonly LabelPair[], line: number): number | undefined {
    const hash = this.hasher.hash(labels);
    const metric = { labels, line };
    const earlier = this.index.find(hash, metric);
    if (earlier !== undefined) {
      return earlier.line;
    }
    this.index.add(hash, metric);
    return undefined;
  }
}

export const duplicateSeriesRule: LintRule = {
  code: 'duplicate-series',
  defaultSeverity: 'error',
  summary: "Two samples with the same name and labels (after the URL's grouping labels replace the body's): the push is rejected.",
  example: 'jobs_processed_total{queue="a"} 1\njobs_processed_total{queue="a"} 2',
  check: ({ document, urlLabels }) => {
    const findings: Finding[] = [];
    for (const family of document.families) {
      if (!mayHaveDuplicateSeries(family, urlLabels)) {
        continue;
      }
      const seen = new SeriesIndex(urlLabels);
      forEachMetric(family, (labels, sample) => {
        const earlierLine = seen.earlierLine(labels, sample.line);
        if (earlierLine === undefined) {
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

/** A finding on each label whose name `matches`, in document order; families without one are skipped unread. */
function labelFindings(context: RuleContext, matches: (name: string) => boolean, message: (name: string) => string): Finding[] {
  const families = new Set(context.document.families.filter((family) => anyLabelName(family, matches)).map((family) => family.name));
  const findings: Finding[] = [];
  if (families.size === 0) {
    return findings;
  }
  for (const sample of context.document.samples) {
    if (!families.has(sample.familyName)) {
      continue;
    }
    for (const label of sample.labels) {
      if (matches(label.name.text)) {
        findings.push({ span: label.name.span, message: message(label.name.text) });
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
    labelFindings(
      context,
      (name) => name.startsWith('__') && name !== '__name__',
      (name) => `label names starting with "__" are reserved: the Pushgateway rejects the push; rename ${name}`,
    ),
};

export const urlLabelInBodyRule: LintRule = {
  code: 'url-label-in-body',
  defaultSeverity: 'warning',
  summary: "The body sets `job` (or another grouping label of the push URL): the gateway overwrites it with the URL's value.",
  example: 'backup_size_bytes{job="backup"} 1024',
  check: (context) =>
    labelFindings(
      context,
      (name) => context.urlLabels.has(name),
      (name) => `the ${name} label comes from the push URL (/metrics/job/...); the gateway replaces this value with the URL's`,
    ),
};

const GATEWAY_OWNED_METRICS = new Set(['push_time_seconds', 'push_failure_time_seconds']);

export const gatewayOwnedMetricRule: LintRule = {
  code: 'gateway-owned-metric',
  defaultSeverity: 'warning',
  summary: '`push_time_seconds` and `push_failure_time_seconds` are written by the gateway itself: pushed values are replaced.',
  example: 'push_time_seconds 1700000000',
  check: ({ document }) =>
    // Such a sample always belongs to a family of its own name (neither name ends in _count, _sum or
    // _bucket), so documents without such a family need no look at each sample.
    (document.families.some((family) => GATEWAY_OWNED_METRICS.has(family.name)) ? document.samples : [])
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

const COLLIDING_NAME = /_(bucket|count|sum)$/;

export const suffixCollisionRule: LintRule = {
  code: 'suffix-collision',
  acrossFamilies: { keeps: (family) => family.samples.length > 0 && (COLLIDING_SUFFIXES[family.effectiveType] !== undefined || COLLIDING_NAME.test(family.name)) },
  defaultSeverity: 'error',
  summary: "A family named like a histogram's or summary's own series (`x_bucket`, `x_count`, `x_sum`) next to that histogram or summary: the push is rejected.",
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
  summary: "A family named like one of the gateway's own metrics (`go_goroutines`, `process_*`, `pushgateway_*`) but with another type: the push is rejected.",
  example: '# TYPE go_goroutines counter\ngo_goroutines 5',
  check: ({ document }) =>
    findingsByFamily(document.families, (family, findings) => {
      const expected = family.samples.length > 0 ? GATEWAY_SELF_METRICS.get(family.name) : undefined;
      if (expected !== undefined && expected !== family.effectiveType) {
        findings.push({
          span: family.type?.typeToken.span ?? family.samples[0].name.span,
          message: `${family.name} is one of the Pushgateway's own metrics, a ${expected}; pushed as ${family.effectiveType} it is rejected ("has type ${family.effectiveType.toUpperCase()} but should have ${expected.toUpperCase()}"): rename it`,
        });
      }
    }),
};

export const gaugeHistogramRule: LintRule = {
  code: 'gauge-histogram',
  defaultSeverity: 'warning',
  summary: '`# TYPE x gauge_histogram` is accepted, but the gateway stores the samples without values and its /metrics output breaks.',
  example: '# TYPE queue_wait gauge_histogram',
  // Pushgateway 1.11 stores and serves gauge histograms (as histograms in /metrics).
  check: ({ document, target }) =>
    document.families
      .filter((family) => target.version === '1.5' && family.effectiveType === 'gauge_histogram' && family.type)
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
