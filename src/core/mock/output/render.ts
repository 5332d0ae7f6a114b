import { escapeHelp, escapeLabelValue } from '../../exposition/escape';
import { compareGoStrings, formatExpositionFloat } from '../../goemu/goFormat';
import { GrowingBuffer } from './growingBuffer';
import { bucketCount, COUNTER, familyType, histogramCount, GAUGE, GAUGE_HISTOGRAM, HISTOGRAM, Metric, MetricTypeCode, SUMMARY, UNTYPED } from '../model';
import { SelfMetrics } from '../store/selfMetrics';
import { MockStore } from '../store/store';
import { escapeName, isLegacyLabelName, isLegacyMetricName, NameEscaping } from '../../protocol/nameEscaping';

// GET /metrics: the gateway's own families and every group's families merged by name, sorted, and
// written by expfmt's MetricFamilyToText (prometheus/common 0.37) including its early stops: a
// family without a name ends the output before anything is written, and one of a type the text
// format does not know ends it right after "# TYPE <name>", without a new-line (still a 200).
// Pushgateway 1.11 first escapes the names as negotiated (model.EscapeMetricFamily) and quotes a
// name the legacy rules do not allow (`{"backup.size.bytes","host.name"="db-1"} 1`).

export interface MergedFamily {
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
      // A loop, not push(...metrics): spreading a 100 000-series family overflows the call stack.
      for (const metric of stored.family.metrics) {
        target.metrics.push(metric);
      }
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

function quotedName(name: string): string {
  return `"${escapeLabelValue(name)}"`;
}

/**
 * Whether this is 1.11's expfmt, which quotes names the legacy rules do not allow (1.5 writes
 * them as they are) and writes gauge histograms.
 */
type Quoting = boolean;

/** A metric name in HELP and TYPE. */
function familyNameText(name: string, quoting: Quoting): string {
  return !quoting || isLegacyMetricName(name) || name === '' ? name : quotedName(name);
}

function labelNameText(name: string, quoting: Quoting): string {
  return !quoting || isLegacyLabelName(name) ? name : quotedName(name);
}

function sample(quoting: Quoting, name: string, metric: Metric, value: number, extra?: [string, number]): string {
  let labels = '';
  for (let i = 0; i < metric.labels.length; i++) {
    const pair = metric.labels[i];
    labels += `${i === 0 ? '' : ','}${labelNameText(pair.name, quoting)}="${escapeLabelValue(pair.value)}"`;
  }
  if (extra !== undefined) {
    labels += `${labels === '' ? '' : ','}${extra[0]}="${formatExpositionFloat(extra[1])}"`;
  }
  const timestamp = metric.timestampMs === undefined ? '' : ` ${metric.timestampMs.toString()}`;
  const series = !quoting || isLegacyMetricName(name) ? (labels === '' ? name : `${name}{${labels}}`) : `{${quotedName(name)}${labels === '' ? '' : `,${labels}`}}`;
  return `${series} ${formatExpositionFloat(value)}${timestamp}\n`;
}

const TYPE_WORDS = new Map<MetricTypeCode, string>([
  [COUNTER, 'counter'],
  [GAUGE, 'gauge'],
  [SUMMARY, 'summary'],
  [UNTYPED, 'untyped'],
  [HISTOGRAM, 'histogram'],
]);

/** The lines of one metric, or undefined where Go stops ("expected counter in metric ..."). */
function metricLines(quoting: Quoting, name: string, type: MetricTypeCode, metric: Metric): string | undefined {
  switch (type) {
    case COUNTER:
      return metric.counter === undefined ? undefined : sample(quoting, name, metric, metric.counter.value ?? 0);
    case GAUGE:
      return metric.gauge === undefined ? undefined : sample(quoting, name, metric, metric.gauge.value ?? 0);
    case UNTYPED:
      return metric.untyped === undefined ? undefined : sample(quoting, name, metric, metric.untyped.value ?? 0);
    case SUMMARY:
      return summaryLines(quoting, name, metric);
    case HISTOGRAM:
      return histogramLines(quoting, name, metric);
    default:
      return undefined;
  }
}

function summaryLines(quoting: Quoting, name: string, metric: Metric): string | undefined {
  const summary = metric.summary;
  if (summary === undefined) {
    return undefined;
  }
  let lines = '';
  for (const quantile of summary.quantiles) {
    lines += sample(quoting, name, metric, quantile.value ?? 0, ['quantile', quantile.quantile ?? 0]);
  }
  lines += sample(quoting, `${name}_sum`, metric, summary.sampleSum ?? 0);
  return lines + sample(quoting, `${name}_count`, metric, Number(summary.sampleCount ?? 0n));
}

function histogramLines(quoting: Quoting, name: string, metric: Metric): string | undefined {
  const histogram = metric.histogram;
  if (histogram === undefined) {
    return undefined;
  }
  let lines = '';
  let infinitySeen = false;
  for (const bucket of histogram.buckets) {
    const bound = bucket.upperBound ?? 0;
    lines += sample(quoting, `${name}_bucket`, metric, bucketCount(bucket), ['le', bound]);
    infinitySeen ||= bound === Infinity;
  }
  if (!infinitySeen) {
    lines += sample(quoting, `${name}_bucket`, metric, histogramCount(histogram), ['le', Infinity]);
  }
  lines += sample(quoting, `${name}_sum`, metric, histogram.sampleSum ?? 0);
  return lines + sample(quoting, `${name}_count`, metric, histogramCount(histogram));
}

/** Writes one family; returns false where Go's encoder fails (and the handler stops writing). */
function writeFamily(out: GrowingBuffer, family: MergedFamily, quoting: Quoting): boolean {
  if (family.name === '') {
    return false;
  }
  if (family.help !== undefined) {
    out.goString(`# HELP ${familyNameText(family.name, quoting)} ${escapeHelp(family.help)}\n`);
  }
  // 1.11's expfmt writes a gauge histogram's classic buckets as a histogram.
  const type = quoting && family.type === GAUGE_HISTOGRAM ? HISTOGRAM : family.type;
  const word = TYPE_WORDS.get(type);
  if (word === undefined) {
    out.goString(`# TYPE ${familyNameText(family.name, quoting)}`);
    return false;
  }
  out.goString(`# TYPE ${familyNameText(family.name, quoting)} ${word}\n`);
  // Lines are written a batch at a time: one write per line costs more than the line.
  let batch = '';
  for (const metric of family.metrics) {
    const lines = metricLines(quoting, family.name, type, metric);
    if (lines === undefined) {
      out.goString(batch);
      return false;
    }
    batch += lines;
    if (batch.length >= LINES_BATCH_CHARS) {
      out.goString(batch);
      batch = '';
    }
  }
  out.goString(batch);
  return true;
}

/** How long a batch of metric lines grows before it is written. */
const LINES_BATCH_CHARS = 16 * 1024;

/** model.EscapeMetricFamily: the names the legacy rules do not allow, escaped (label values stay). */
function escapedFamily(family: MergedFamily, escaping: NameEscaping | undefined): MergedFamily {
  if (escaping === undefined || escaping === 'allow-utf-8') {
    return family;
  }
  const escape = (name: string) => (isLegacyMetricName(name) ? name : escapeName(name, escaping));
  const metrics = family.metrics.map((metric) =>
    metric.labels.every((pair) => isLegacyMetricName(pair.name)) ? metric : { ...metric, labels: metric.labels.map((pair) => ({ ...pair, name: escape(pair.name) })) },
  );
  return { ...family, name: escape(family.name), metrics };
}

/**
 * The families GET /metrics exposes (the caller checks the store for gathering errors first):
 * merged, sorted by name, their metrics sorted, then escaped as negotiated (1.11; undefined: 1.5).
 */
export function exposedFamilies(store: MockStore, self: SelfMetrics, escaping?: NameEscaping): MergedFamily[] {
  return mergeFamilies(store, self).map((family) => {
    family.metrics.sort(compareMetrics);
    return escapedFamily(family, escaping);
  });
}

/** The text body of GET /metrics. */
export function renderExposition(store: MockStore, self: SelfMetrics, escaping?: NameEscaping): Buffer {
  const out = new GrowingBuffer();
  for (const family of exposedFamilies(store, self, escaping)) {
    if (!writeFamily(out, family, escaping !== undefined)) {
      break;
    }
  }
  return out.toBuffer();
}
