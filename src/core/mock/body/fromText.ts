import { decodeExposition } from '../../exposition/decode';
import { parseGoFloat, parseGoInt64 } from '../../goemu/goNumbers';
import { Family, MetricType, ParsedDocument, Sample } from '../../exposition/model';
import { parseExposition } from '../../exposition/parser';
import { failure, Result, success } from '../../result';
import { goFloatToUint64 } from '../../goemu/goFormat';
import { COUNTER, GAUGE, GAUGE_HISTOGRAM, HISTOGRAM, LabelPair, Metric, MetricFamily, MetricTypeCode, SUMMARY, UNTYPED } from '../model';

// A text push body into dto families, the way expfmt.TextParser (prometheus/common 0.37) builds
// them: summary and histogram lines merge by label signature, `_count` becomes a uint64 with Go's
// wrap-around, NaN quantiles and bounds are dropped, families without samples disappear.

const TYPE_CODES: Record<MetricType, MetricTypeCode> = {
  counter: COUNTER,
  gauge: GAUGE,
  summary: SUMMARY,
  untyped: UNTYPED,
  histogram: HISTOGRAM,
  gauge_histogram: GAUGE_HISTOGRAM,
};

/**
 * Parses a text body. `streamError` is the error the body's reader ended with (e.g. a truncated
 * gzip stream): Go's parser reports it where the input ends mid-line and ignores it at a line start.
 * The error is the gateway's 400 text without the final new-line.
 */
export function familiesFromText(bytes: Uint8Array, streamError?: string): Result<MetricFamily[]> {
  const document = parseExposition(decodeExposition(bytes), { target: { version: '1.5', utf8Names: false, consistencyCheckDisabled: false } });
  const problem = document.problems[0];
  if (problem !== undefined) {
    const endedMidLine = problem.code === 'missing-final-newline';
    return failure(endedMidLine && streamError !== undefined ? streamError : problem.goError);
  }
  return success(familiesFromDocument(document));
}

/** The families the gateway stores for a document the parser accepted (families without samples are dropped). */
export function familiesFromDocument(document: ParsedDocument): MetricFamily[] {
  return document.families.filter((family) => family.samples.length > 0).map(convertFamily);
}

function convertFamily(family: Family): MetricFamily {
  const type = TYPE_CODES[family.effectiveType];
  const metrics = type === SUMMARY || type === HISTOGRAM ? mergedMetrics(family, type) : family.samples.map((sample) => simpleMetric(sample, type));
  const converted: MetricFamily = { name: family.name, type, metrics };
  if (family.help !== undefined) {
    converted.help = family.help.text;
  }
  return converted;
}

function labelsOf(sample: Sample, excluded?: string): LabelPair[] {
  const labels: LabelPair[] = [];
  for (const label of sample.labels) {
    if (label.name.text !== excluded) {
      labels.push({ name: label.name.text, value: label.value });
    }
  }
  return labels;
}

function timestampOf(sample: Sample): bigint | undefined {
  return sample.timestamp === undefined ? undefined : parseGoInt64(sample.timestamp.text);
}

/** Counter, gauge, untyped: one metric per line. A gauge_histogram line gets no value at all, as in Go. */
function simpleMetric(sample: Sample, type: MetricTypeCode): Metric {
  const metric: Metric = { labels: labelsOf(sample) };
  const value = { value: sample.numericValue };
  if (type === COUNTER) {
    metric.counter = value;
  } else if (type === GAUGE) {
    metric.gauge = value;
  } else if (type === UNTYPED) {
    metric.untyped = value;
  }
  const timestamp = timestampOf(sample);
  if (timestamp !== undefined) {
    metric.timestampMs = timestamp;
  }
  return metric;
}

type LineRole = 'count' | 'sum' | 'other';

/** `x_count` / `x_sum` lines of family `x`; a line named like the family itself has no role. */
function lineRole(sample: Sample): LineRole {
  const suffix = sample.name.text.slice(sample.familyName.length);
  if (sample.name.text === sample.familyName) {
    return 'other';
  }
  return suffix === '_count' ? 'count' : suffix === '_sum' ? 'sum' : 'other';
}

/** Go's signature: the labels without the special one, as a set. */
function signatureOf(labels: readonly LabelPair[]): string {
  const sorted = [...labels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return JSON.stringify(sorted.map((label) => [label.name, label.value]));
}

/** The value of the last `le`/`quantile` label of a line, or NaN when there is none. */
function specialLabelValue(sample: Sample, special: string): number {
  let value = NaN;
  for (const label of sample.labels) {
    if (label.name.text === special) {
      value = parseGoFloat(label.value) ?? NaN;
    }
  }
  return value;
}

function mergedMetrics(family: Family, type: MetricTypeCode): Metric[] {
  const special = type === SUMMARY ? 'quantile' : 'le';
  const bySignature = new Map<string, Metric>();
  const metrics: Metric[] = [];
  for (const sample of family.samples) {
    const labels = labelsOf(sample, special);
    const signature = signatureOf(labels);
    let metric = bySignature.get(signature);
    if (metric === undefined) {
      metric = type === SUMMARY ? { labels, summary: { quantiles: [] } } : { labels, histogram: { buckets: [] } };
      bySignature.set(signature, metric);
      metrics.push(metric);
    }
    applyLine(metric, sample, specialLabelValue(sample, special));
    const timestamp = timestampOf(sample);
    if (timestamp !== undefined) {
      metric.timestampMs = timestamp;
    }
  }
  return metrics;
}

function applyLine(metric: Metric, sample: Sample, special: number): void {
  const role = lineRole(sample);
  const value = sample.numericValue;
  const target = metric.summary ?? metric.histogram;
  if (target === undefined) {
    return;
  }
  if (role === 'count') {
    target.sampleCount = goFloatToUint64(value);
  } else if (role === 'sum') {
    target.sampleSum = value;
  } else if (!Number.isNaN(special)) {
    if (metric.summary !== undefined) {
      metric.summary.quantiles.push({ quantile: special, value });
    } else if (metric.histogram !== undefined) {
      metric.histogram.buckets.push({ upperBound: special, cumulativeCount: goFloatToUint64(value) });
    }
  }
}
