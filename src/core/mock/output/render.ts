import { escapeHelp, escapeLabelValue } from '../../exposition/escape';
import { compareGoStrings, formatExpositionFloat, goStringBytes } from '../../goemu/goFormat';
import { COUNTER, familyType, GAUGE, HISTOGRAM, LabelPair, Metric, MetricTypeCode, SUMMARY, UNTYPED } from '../model';
import { SelfMetrics } from '../store/selfMetrics';
import { MockStore } from '../store/store';

// GET /metrics: the gateway's own families and every group's families merged by name, sorted, and
// written by expfmt's MetricFamilyToText (prometheus/common 0.37) including its early stops: a
// family without a name ends the output before anything is written, and one of a type the text
// format does not know ends it right after "# TYPE <name>", without a new-line (still a 200).

interface MergedFamily {
  name: string;
  help?: string;
  type: MetricTypeCode;
  metrics: Metric[];
}

function mergeFamilies(store: MockStore, self: SelfMetrics): MergedFamily[] {
  const merged = new Map<string, MergedFamily>();
  for (const family of self.families()) {
    merged.set(family.name, { name: family.name, help: family.help, type: familyType(family), metrics: [...family.metrics] });
  }
  for (const [name, storedFamilies] of store.familiesByName()) {
    let target = merged.get(name);
    if (target === undefined) {
      const first = storedFamilies[0].family;
      target = { name, help: first.help, type: familyType(first), metrics: [] };
      merged.set(name, target);
    }
    for (const stored of storedFamilies) {
      target.metrics.push(...stored.family.metrics);
    }
  }
  return [...merged.values()].filter((family) => family.metrics.length > 0).sort((a, b) => compareGoStrings(a.name, b.name));
}

/** client_golang's metricSorter: fewer labels first, then label values in order, then timestamps. */
export function compareMetrics(a: Metric, b: Metric): number {
  if (a.labels.length !== b.labels.length) {
    return a.labels.length - b.labels.length;
  }
  for (let i = 0; i < a.labels.length; i++) {
    const order = compareGoStrings(a.labels[i].value, b.labels[i].value);
    if (order !== 0) {
      return order;
    }
  }
  if (a.timestampMs === undefined || b.timestampMs === undefined) {
    return a.timestampMs === undefined ? (b.timestampMs === undefined ? 0 : 1) : -1;
  }
  return a.timestampMs < b.timestampMs ? -1 : a.timestampMs > b.timestampMs ? 1 : 0;
}

function labelText(labels: readonly LabelPair[], extra?: [string, number]): string {
  if (labels.length === 0 && extra === undefined) {
    return '';
  }
  const parts = labels.map((pair) => `${pair.name}="${escapeLabelValue(pair.value)}"`);
  if (extra !== undefined) {
    parts.push(`${extra[0]}="${formatExpositionFloat(extra[1])}"`);
  }
  return `{${parts.join(',')}}`;
}

function sample(name: string, metric: Metric, value: number, extra?: [string, number]): string {
  const timestamp = metric.timestampMs === undefined ? '' : ` ${metric.timestampMs.toString()}`;
  return `${name}${labelText(metric.labels, extra)} ${formatExpositionFloat(value)}${timestamp}\n`;
}

const TYPE_WORDS = new Map<MetricTypeCode, string>([
  [COUNTER, 'counter'],
  [GAUGE, 'gauge'],
  [SUMMARY, 'summary'],
  [UNTYPED, 'untyped'],
  [HISTOGRAM, 'histogram'],
]);

/** The lines of one metric, or undefined where Go stops ("expected counter in metric ..."). */
function metricLines(name: string, type: MetricTypeCode, metric: Metric): string | undefined {
  switch (type) {
    case COUNTER:
      return metric.counter === undefined ? undefined : sample(name, metric, metric.counter.value ?? 0);
    case GAUGE:
      return metric.gauge === undefined ? undefined : sample(name, metric, metric.gauge.value ?? 0);
    case UNTYPED:
      return metric.untyped === undefined ? undefined : sample(name, metric, metric.untyped.value ?? 0);
    case SUMMARY:
      return summaryLines(name, metric);
    case HISTOGRAM:
      return histogramLines(name, metric);
    default:
      return undefined;
  }
}

function summaryLines(name: string, metric: Metric): string | undefined {
  const summary = metric.summary;
  if (summary === undefined) {
    return undefined;
  }
  let lines = '';
  for (const quantile of summary.quantiles) {
    lines += sample(name, metric, quantile.value ?? 0, ['quantile', quantile.quantile ?? 0]);
  }
  lines += sample(`${name}_sum`, metric, summary.sampleSum ?? 0);
  return lines + sample(`${name}_count`, metric, Number(summary.sampleCount ?? 0n));
}

function histogramLines(name: string, metric: Metric): string | undefined {
  const histogram = metric.histogram;
  if (histogram === undefined) {
    return undefined;
  }
  let lines = '';
  let infinitySeen = false;
  for (const bucket of histogram.buckets) {
    const bound = bucket.upperBound ?? 0;
    lines += sample(`${name}_bucket`, metric, Number(bucket.cumulativeCount ?? 0n), ['le', bound]);
    infinitySeen ||= bound === Infinity;
  }
  if (!infinitySeen) {
    lines += sample(`${name}_bucket`, metric, Number(histogram.sampleCount ?? 0n), ['le', Infinity]);
  }
  lines += sample(`${name}_sum`, metric, histogram.sampleSum ?? 0);
  return lines + sample(`${name}_count`, metric, Number(histogram.sampleCount ?? 0n));
}

/** Writes one family; returns false where Go's encoder fails (and the handler stops writing). */
function writeFamily(out: string[], family: MergedFamily): boolean {
  if (family.name === '') {
    return false;
  }
  if (family.help !== undefined) {
    out.push(`# HELP ${family.name} ${escapeHelp(family.help)}\n`);
  }
  const word = TYPE_WORDS.get(family.type);
  if (word === undefined) {
    out.push(`# TYPE ${family.name}`);
    return false;
  }
  out.push(`# TYPE ${family.name} ${word}\n`);
  for (const metric of family.metrics) {
    const lines = metricLines(family.name, family.type, metric);
    if (lines === undefined) {
      return false;
    }
    out.push(lines);
  }
  return true;
}

/** The body of GET /metrics (the caller checks the store for gathering errors first). */
export function renderExposition(store: MockStore, self: SelfMetrics): Buffer {
  const out: string[] = [];
  for (const family of mergeFamilies(store, self)) {
    family.metrics.sort(compareMetrics);
    if (!writeFamily(out, family)) {
      break;
    }
  }
  return goStringBytes(out.join(''));
}
