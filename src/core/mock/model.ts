// What the mock gateway stores: the shape of client_model's dto.MetricFamily (proto2), as the real
// Pushgateway keeps it. Optional fields are `undefined` when not set, exactly where Go has a nil
// pointer, because that decides what the consistency check and the error texts show. Strings are
// Go strings (see goFormat.ts): invalid UTF-8 survives as escaped bytes.

/** dto.MetricType; values outside the enum can arrive via protobuf and are kept as numbers. */
export type MetricTypeCode = number;

export const COUNTER = 0;
export const GAUGE = 1;
export const SUMMARY = 2;
export const UNTYPED = 3;
export const HISTOGRAM = 4;
export const GAUGE_HISTOGRAM = 5;

const TYPE_NAMES = ['COUNTER', 'GAUGE', 'SUMMARY', 'UNTYPED', 'HISTOGRAM', 'GAUGE_HISTOGRAM'];

/** dto.MetricType.String(): the enum name, or the number for unknown values. */
export function typeName(type: MetricTypeCode): string {
  return TYPE_NAMES[type] ?? String(type);
}

export interface LabelPair {
  name: string;
  value: string;
}

/** Gauge, Counter and Untyped all hold one optional double. */
export interface SimpleValue {
  value?: number;
}

export interface Quantile {
  quantile?: number;
  value?: number;
}

export interface Bucket {
  cumulativeCount?: bigint;
  /** client_model 0.6 (Pushgateway 1.11): a count that is not a whole number. */
  cumulativeCountFloat?: number;
  upperBound?: number;
}

export interface SummaryValue {
  sampleCount?: bigint;
  sampleSum?: number;
  quantiles: Quantile[];
}

/** A run of native-histogram buckets: `offset` from the previous span's end (from 0 for the first). */
export interface BucketSpan {
  offset?: number;
  length?: number;
}

/** One side (positive or negative) of a native histogram: integer deltas or float counts. */
export interface NativeBuckets {
  spans: BucketSpan[];
  deltas: bigint[];
  counts: number[];
}

export interface HistogramValue {
  sampleCount?: bigint;
  /** client_model 0.6 (Pushgateway 1.11): a count that is not a whole number. */
  sampleCountFloat?: number;
  sampleSum?: number;
  buckets: Bucket[];
  // client_model 0.6's native-histogram fields (read from protobuf pushes at target 1.11 only).
  schema?: number;
  zeroThreshold?: number;
  zeroCount?: bigint;
  zeroCountFloat?: number;
  negative?: NativeBuckets;
  positive?: NativeBuckets;
}

/** GetSampleCountFloat() if set, else GetSampleCount(), as a number. */
export function histogramCount(histogram: HistogramValue): number {
  return histogram.sampleCountFloat ?? Number(histogram.sampleCount ?? 0n);
}

/** GetCumulativeCountFloat() if set, else GetCumulativeCount(), as a number. */
export function bucketCount(bucket: Bucket): number {
  return bucket.cumulativeCountFloat ?? Number(bucket.cumulativeCount ?? 0n);
}

export interface Metric {
  labels: LabelPair[];
  gauge?: SimpleValue;
  counter?: SimpleValue;
  summary?: SummaryValue;
  untyped?: SimpleValue;
  histogram?: HistogramValue;
  timestampMs?: bigint;
}

export interface MetricFamily {
  name: string;
  /** Undefined when there is no HELP (Go's nil); an empty string is a HELP of "". */
  help?: string;
  /** Undefined when not set: Go's GetType() then answers COUNTER. */
  type?: MetricTypeCode;
  metrics: Metric[];
}

/** GetType(): the family's type, COUNTER when unset. */
export function familyType(family: MetricFamily): MetricTypeCode {
  return family.type ?? COUNTER;
}

/** Whether a metric carries the value field its family type needs (client_golang's check). Other types need nothing. */
export function metricHasValueFor(metric: Metric, type: MetricTypeCode): boolean {
  switch (type) {
    case COUNTER:
      return metric.counter !== undefined;
    case GAUGE:
      return metric.gauge !== undefined;
    case SUMMARY:
      return metric.summary !== undefined;
    case UNTYPED:
      return metric.untyped !== undefined;
    case HISTOGRAM:
      return metric.histogram !== undefined;
    default:
      return true;
  }
}

/** The api/v1 "value" of a non-summary, non-histogram metric: gauge, counter, untyped, else 0. */
export function simpleValueOf(metric: Metric): number {
  const holder = metric.gauge ?? metric.counter ?? metric.untyped;
  return holder?.value ?? 0;
}

/** A gauge family with one series, as the gateway writes push_time_seconds and push_failure_time_seconds. */
export function gaugeFamily(name: string, help: string, labels: LabelPair[], value: number): MetricFamily {
  return { name, help, type: GAUGE, metrics: [{ labels, gauge: { value } }] };
}
