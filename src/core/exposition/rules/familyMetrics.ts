import { Family, LabelPair, Sample } from '../model';

/**
 * One metric of a family as the gateway's parser builds it: for histograms and summaries, every line
 * with the same labels (apart from `le` / `quantile`) feeds one metric, which keeps the labels of
 * its first line; any other sample line is a metric of its own.
 */
export interface FamilyMetric {
  /** The labels, `le` / `quantile` excluded for histograms / summaries. */
  readonly labels: readonly LabelPair[];
  readonly samples: Sample[];
}

/** The label that histogram (`le`) or summary (`quantile`) lines carry besides the metric's labels. */
export function ownLabelOf(family: Family): string | undefined {
  return family.effectiveType === 'histogram' ? 'le' : family.effectiveType === 'summary' ? 'quantile' : undefined;
}

/** Name/value pairs as one string: length-prefixed (so no escaping is needed), in name order. */
export function labelsKey(pairs: Array<[string, string]>): string {
  for (let i = 1; i < pairs.length; i++) {
    if (pairs[i - 1][0] > pairs[i][0]) {
      pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      break;
    }
  }
  let key = '';
  for (const [name, value] of pairs) {
    key += `${name.length}:${name}${value.length}:${value}`;
  }
  return key;
}

function signature(labels: readonly LabelPair[]): string {
  return labelsKey(labels.map((label): [string, string] => [label.name.text, label.value]));
}

const cache = new WeakMap<Family, FamilyMetric[]>();

/** The metrics of a family; computed once per parsed family, shared by every rule. */
export function metricsOf(family: Family): FamilyMetric[] {
  const cached = cache.get(family);
  if (cached) {
    return cached;
  }
  const ownLabel = ownLabelOf(family);
  let metrics: FamilyMetric[];
  if (ownLabel === undefined) {
    metrics = family.samples.map((sample) => ({ labels: sample.labels, samples: [sample] }));
  } else {
    const bySignature = new Map<string, FamilyMetric>();
    for (const sample of family.samples) {
      const labels = sample.labels.filter((label) => label.name.text !== ownLabel);
      const key = signature(labels);
      const metric = bySignature.get(key);
      if (metric) {
        metric.samples.push(sample);
      } else {
        bySignature.set(key, { labels, samples: [sample] });
      }
    }
    metrics = [...bySignature.values()];
  }
  cache.set(family, metrics);
  return metrics;
}

/**
 * Calls `visit` with the labels and first sample of each metric of a family, without building
 * metric objects for families whose every sample is a metric of its own.
 */
export function forEachMetric(family: Family, visit: (labels: readonly LabelPair[], first: Sample) => void): void {
  if (ownLabelOf(family) === undefined) {
    for (const sample of family.samples) {
      visit(sample.labels, sample);
    }
    return;
  }
  for (const metric of metricsOf(family)) {
    visit(metric.labels, metric.samples[0]);
  }
}
