import { Family, LabelPair, Sample } from '../model';
import { metricsOf } from './familyMetrics';
import { BucketSeries, memoOf } from './familyMemo';
import { Finding, findingsByFamily, LintRule } from './rule';

// Shapes that the gateway accepts but that are almost always a mistake.

function bucketBound(sample: Sample): number | undefined {
  const le = labelNamed(sample, 'le');
  if (!le) {
    return undefined;
  }
  // A value that Number() reads cannot be "+Inf" or "Inf" in any case: lower-case only the others.
  const bound = Number(le.value);
  if (!Number.isNaN(bound)) {
    return bound;
  }
  const lower = le.value.toLowerCase();
  return lower === '+inf' || lower === 'inf' ? Infinity : bound;
}

function labelNamed(sample: Sample, name: string): LabelPair | undefined {
  for (const label of sample.labels) {
    if (label.name.text === name) {
      return label;
    }
  }
  return undefined;
}

/** A histogram's bucket samples, per series (labels apart from `le`); computed once per parsed family. */
function bucketSeries(family: Family): BucketSeries[] {
  const memo = memoOf(family);
  if (memo.bucketSeries !== undefined) {
    return memo.bucketSeries;
  }
  const bucketName = `${family.name}_bucket`;
  const series: BucketSeries[] = [];
  for (const metric of metricsOf(family)) {
    const buckets: Sample[] = [];
    const bounds: number[] = [];
    for (const sample of metric.samples) {
      const bound = sample.name.text === bucketName ? bucketBound(sample) : undefined;
      if (bound !== undefined) {
        buckets.push(sample);
        bounds.push(bound);
      }
    }
    if (buckets.length > 0) {
      series.push({ buckets, bounds });
    }
  }
  memo.bucketSeries = series;
  return series;
}

/**
 * The buckets in order of their bounds, as a stable sort puts them. Buckets are usually written in
 * that order already: then no sort is needed (not with a NaN bound, which makes the order depend on
 * the sort itself).
 */
function sortedBuckets({ buckets, bounds }: BucketSeries): Sample[] {
  let ascending = true;
  for (let i = 0; i < bounds.length && ascending; i++) {
    ascending = !Number.isNaN(bounds[i]) && (i === 0 || bounds[i - 1] <= bounds[i]);
  }
  if (ascending) {
    return buckets;
  }
  const order = buckets.map((_, i) => i).sort((a, b) => bounds[a] - bounds[b]);
  return order.map((i) => buckets[i]);
}

function histograms(families: readonly Family[]): Family[] {
  return families.filter((family) => family.effectiveType === 'histogram');
}

export const histogramInfBucketRule: LintRule = {
  code: 'histogram-without-inf-bucket',
  defaultSeverity: 'warning',
  summary: 'A histogram series has buckets but no `le="+Inf"` bucket.',
  example: 'request_seconds_bucket{le="1"} 3   # and no le="+Inf"',
  check: ({ document }) =>
    histograms(document.families).flatMap((family) =>
      bucketSeries(family)
        .filter(({ bounds }) => !bounds.includes(Infinity))
        .map(({ buckets }) => ({
          span: buckets[buckets.length - 1].name.span,
          message: `histogram ${family.name} has no le="+Inf" bucket: add one whose value equals the _count`,
        })),
    ),
};

export const histogramCumulativeRule: LintRule = {
  code: 'histogram-not-cumulative',
  defaultSeverity: 'warning',
  summary: 'Histogram bucket counts must not decrease as `le` grows.',
  example: 'request_seconds_bucket{le="1"} 5\nrequest_seconds_bucket{le="2"} 3',
  check: ({ document }) => {
    const findings: Finding[] = [];
    for (const family of histograms(document.families)) {
      for (const series of bucketSeries(family)) {
        const sorted = sortedBuckets(series);
        for (let i = 1; i < sorted.length; i++) {
          if (sorted[i].numericValue < sorted[i - 1].numericValue) {
            findings.push({
              span: sorted[i].value.span,
              message: `bucket counts are cumulative: le="${sorted[i].labels.find((l) => l.name.text === 'le')?.value}" counts ${sorted[i].value.text}, fewer than the ${sorted[i - 1].value.text} of the smaller bucket on line ${sorted[i - 1].line + 1}`,
            });
          }
        }
      }
    }
    return findings;
  },
};

/** The types whose samples count things (a histogram's _count and buckets, a summary's _count, a counter). */
const COUNTING_TYPES: ReadonlySet<string> = new Set(['histogram', 'summary', 'counter']);

export const negativeCountRule: LintRule = {
  code: 'negative-count',
  defaultSeverity: 'warning',
  summary: 'A histogram bucket, a histogram/summary `_count`, or a counter is negative.',
  example: 'request_seconds_count -1',
  check: ({ document }) =>
    findingsByFamily(document.families, (family, findings) => {
      if (!COUNTING_TYPES.has(family.effectiveType)) {
        return;
      }
      for (const sample of family.samples) {
        if (sample.numericValue < 0 && (family.effectiveType === 'counter' || sample.name.text.endsWith('_count') || sample.name.text.endsWith('_bucket'))) {
          findings.push({ span: sample.value.span, message: `${sample.name.text} counts things and cannot be negative` });
        }
      }
    }),
};

export const summaryQuantileRule: LintRule = {
  code: 'quantile-out-of-range',
  defaultSeverity: 'warning',
  summary: 'A summary quantile outside [0, 1].',
  example: 'request_seconds{quantile="99"} 0.3',
  check: ({ document }) =>
    document.families
      .filter((family) => family.effectiveType === 'summary')
      .flatMap((family) =>
        family.samples.flatMap((sample) =>
          sample.labels
            .filter((label) => label.name.text === 'quantile')
            .filter((label) => !(Number(label.value) >= 0 && Number(label.value) <= 1))
            .map((label) => ({ span: label.valueSpan, message: `quantile ${label.value} is outside [0, 1] (write the 99th percentile as 0.99)` })),
        ),
      ),
};

export const familySplitRule: LintRule = {
  code: 'family-not-contiguous',
  // A family that comes back sends the document to lintExposition whole: one by one, nothing to find.
  acrossFamilies: { keeps: () => false },
  defaultSeverity: 'warning',
  summary: 'The lines of one metric family are interrupted by another family.',
  example: 'a 1\nb 1\na{x="y"} 2',
  check: ({ document, lineLength }) => {
    if (!document.families.some((family) => family.lines.length > 0)) {
      return [];
    }
    const owner: Array<string | undefined> = new Array(document.lineCount);
    for (const family of document.families) {
      for (const line of family.lines) {
        owner[line] = family.name;
      }
    }
    const finished = new Set<string>();
    const findings: Finding[] = [];
    let previous: string | undefined;
    for (let line = 0; line < owner.length; line++) {
      const name = owner[line];
      if (name === undefined || name === previous) {
        continue;
      }
      if (finished.has(name)) {
        findings.push({
          span: { line, start: 0, end: lineLength(line) },
          message: `${name} continues here after other metrics: keep all lines of a family (HELP, TYPE, samples) together`,
        });
      }
      if (previous !== undefined) {
        finished.add(previous);
      }
      previous = name;
    }
    return findings;
  },
};

/** The type a family without a TYPE line most likely has, by the naming conventions. */
export function guessedType(family: Family): 'counter' | 'gauge' {
  return family.name.endsWith('_total') ? 'counter' : 'gauge';
}

export const missingTypeRule: LintRule = {
  code: 'missing-type',
  defaultSeverity: 'info',
  summary: 'Samples without a `# TYPE` line are stored as untyped.',
  example: 'backup_size_bytes 1024   # no "# TYPE backup_size_bytes gauge"',
  check: ({ document }) =>
    document.families
      // A refused TYPE line has its own error (unknown-type): saying there is none would mislead.
      .filter((family) => !family.type && family.refusedTypeLine === undefined && family.samples.length > 0)
      .map((family) => ({
        span: family.samples[0].name.span,
        message: `${family.name} has no # TYPE line, so the gateway stores it as untyped: add "# TYPE ${family.name} ${guessedType(family)}" before its first sample`,
      })),
};

export const openMetricsCommentRule: LintRule = {
  code: 'openmetrics-comment',
  acrossFamilies: { keeps: () => false },
  defaultSeverity: 'info',
  summary: '`# EOF` and `# UNIT` are OpenMetrics syntax: the Pushgateway reads them as plain comments.',
  example: '# EOF',
  check: ({ document }) =>
    document.openMetricsKeywords.map((keyword) => ({
      span: keyword.span,
      message:
        keyword.text === 'EOF'
          ? '# EOF ends an OpenMetrics document; the Pushgateway speaks the Prometheus text format and ignores it as a comment (lines after it are still pushed)'
          : '# UNIT is OpenMetrics syntax; the Pushgateway ignores it as a comment: put the unit in the metric name instead (e.g. _seconds)',
    })),
};

export const STRUCTURE_RULES: readonly LintRule[] = [openMetricsCommentRule, histogramInfBucketRule, histogramCumulativeRule, negativeCountRule, summaryQuantileRule, familySplitRule, missingTypeRule];
