import { Family, LabelPair, Sample } from '../model';
import { FamilyMetric, memoOf } from './familyMemo';

/** The label that histogram (`le`) or summary (`quantile`) lines carry besides the metric's labels. */
export function ownLabelOf(family: Family): string | undefined {
  if (family.effectiveType === 'histogram' || family.gaugeHistogramAsHistogram === true) {
    return 'le';
  }
  return family.effectiveType === 'summary' ? 'quantile' : undefined;
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
    key += pairKey(name, value);
  }
  return key;
}

/** One name/value pair of a labelsKey. */
function pairKey(name: string, value: string): string {
  return `${name.length}:${name}${value.length}:${value}`;
}

/** Whether the labels not named `skip` are in name order, so that their key needs no sorting. */
function inNameOrder(labels: readonly LabelPair[], skip: string): boolean {
  let previous = '';
  for (const label of labels) {
    const name = label.name.text;
    if (name !== skip) {
      if (previous > name) {
        return false;
      }
      previous = name;
    }
  }
  return true;
}

/** The labelsKey of the labels not named `skip`, without building the pairs. */
function signature(labels: readonly LabelPair[], skip: string): string {
  const ordered = inNameOrder(labels, skip) ? labels : [...labels].sort(byName);
  let key = '';
  for (const label of ordered) {
    if (label.name.text !== skip) {
      key += pairKey(label.name.text, label.value);
    }
  }
  return key;
}

/** The order of labelsKey's pairs. */
function byName(a: LabelPair, b: LabelPair): number {
  return a.name.text < b.name.text ? -1 : a.name.text > b.name.text ? 1 : 0;
}

/** Whether two label lists are the same, in the same order, once the labels named `skip` are left out. */
function sameLabelsApartFrom(a: readonly LabelPair[], b: readonly LabelPair[], skip: string): boolean {
  let j = 0;
  for (const label of a) {
    if (label.name.text === skip) {
      continue;
    }
    while (j < b.length && b[j].name.text === skip) {
      j++;
    }
    if (j === b.length || b[j].name.text !== label.name.text || b[j].value !== label.value) {
      return false;
    }
    j++;
  }
  while (j < b.length && b[j].name.text === skip) {
    j++;
  }
  return j === b.length;
}

/** The metrics of a family; computed once per parsed family, shared by every rule. */
export function metricsOf(family: Family): FamilyMetric[] {
  const memo = memoOf(family);
  if (memo.metrics === undefined) {
    const ownLabel = ownLabelOf(family);
    memo.metrics = ownLabel === undefined ? family.samples.map((sample) => ({ labels: sample.labels, samples: [sample] })) : groupedMetrics(family.samples, ownLabel);
  }
  return memo.metrics;
}

/** Samples grouped by their labels apart from `ownLabel`, in order of first appearance. */
function groupedMetrics(samples: readonly Sample[], ownLabel: string): FamilyMetric[] {
  const bySignature = new Map<string, FamilyMetric>();
  let previousLabels: readonly LabelPair[] | undefined;
  let previousMetric: FamilyMetric | undefined;
  for (const sample of samples) {
    // A histogram's or summary's lines usually come series by series: most lines belong to the same
    // metric as the line before, which a comparison tells without building the signature.
    let metric = previousLabels && sameLabelsApartFrom(sample.labels, previousLabels, ownLabel) ? previousMetric : undefined;
    if (metric) {
      metric.samples.push(sample);
    } else {
      const key = signature(sample.labels, ownLabel);
      metric = bySignature.get(key);
      if (metric) {
        metric.samples.push(sample);
      } else {
        metric = { labels: sample.labels.filter((label) => label.name.text !== ownLabel), samples: [sample] };
        bySignature.set(key, metric);
      }
    }
    previousLabels = sample.labels;
    previousMetric = metric;
  }
  return [...bySignature.values()];
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

/** How many metrics a family has (see metricsOf). */
export function metricCount(family: Family): number {
  return ownLabelOf(family) === undefined ? family.samples.length : metricsOf(family).length;
}

/** The names of the labels that a family's samples carry, each once; computed once per parsed family. */
export function labelNamesOf(family: Family): ReadonlySet<string> {
  const memo = memoOf(family);
  if (memo.labelNames === undefined) {
    const found = new Set<string>();
    let previous: readonly LabelPair[] = [];
    for (const sample of family.samples) {
      // Samples of a family mostly carry the same label names as the one before: those add nothing.
      if (!sameLabelNames(sample.labels, previous)) {
        for (const label of sample.labels) {
          found.add(label.name.text);
        }
      }
      previous = sample.labels;
    }
    memo.labelNames = found;
  }
  return memo.labelNames;
}

function sameLabelNames(a: readonly LabelPair[], b: readonly LabelPair[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i].name.text !== b[i].name.text) {
      return false;
    }
  }
  return true;
}

/** Whether any sample of the family has a label whose name passes the test. */
export function anyLabelName(family: Family, test: (name: string) => boolean): boolean {
  if (family.samples.length === 1) {
    // No set of names for a family of one sample (documents of many such families).
    return family.samples[0].labels.some((label) => test(label.name.text));
  }
  for (const name of labelNamesOf(family)) {
    if (test(name)) {
      return true;
    }
  }
  return false;
}
