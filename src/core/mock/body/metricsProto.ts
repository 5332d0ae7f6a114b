// The io.prometheus.client schema (client_model 0.3, metrics.proto, proto2) as far as the gateway's
// text exposition, consistency check and protobuf output use it: field numbers and the Go type
// names that appear in golang/protobuf's error texts. client_model 0.6's native-histogram and
// float-count fields are listed too (read at target 1.11, written by GET /metrics); exemplars and
// the fields newer still are not listed and are skipped like unknown fields.

export const PROTO_MEDIA_TYPE = 'application/vnd.google.protobuf';
export const PROTO_NAME = 'io.prometheus.client.MetricFamily';

export const FAMILY_FIELDS = { goType: 'io_prometheus_client.MetricFamily', name: 1n, help: 2n, type: 3n, metric: 4n } as const;

export const METRIC_FIELDS = {
  goType: 'io_prometheus_client.Metric',
  label: 1n,
  gauge: 2n,
  counter: 3n,
  summary: 4n,
  untyped: 5n,
  timestampMs: 6n,
  histogram: 7n,
} as const;

export const LABEL_PAIR_FIELDS = { goType: 'io_prometheus_client.LabelPair', name: 1n, value: 2n } as const;

/** Gauge, Counter and Untyped: `optional double value = 1`. */
export const SIMPLE_VALUE_FIELDS = { value: 1n } as const;
export const SIMPLE_VALUE_GO_TYPES = {
  gauge: 'io_prometheus_client.Gauge',
  counter: 'io_prometheus_client.Counter',
  untyped: 'io_prometheus_client.Untyped',
} as const;

export const SUMMARY_FIELDS = { goType: 'io_prometheus_client.Summary', sampleCount: 1n, sampleSum: 2n, quantile: 3n } as const;
export const QUANTILE_FIELDS = { goType: 'io_prometheus_client.Quantile', quantile: 1n, value: 2n } as const;
export const HISTOGRAM_FIELDS = { goType: 'io_prometheus_client.Histogram', sampleCount: 1n, sampleSum: 2n, bucket: 3n } as const;
export const BUCKET_FIELDS = { goType: 'io_prometheus_client.Bucket', cumulativeCount: 1n, upperBound: 2n } as const;

/** client_model 0.6's additions to Histogram and Bucket (float counts, native histograms), read at target 1.11. */
export const NATIVE_HISTOGRAM_FIELDS = {
  sampleCountFloat: 4n,
  schema: 5n,
  zeroThreshold: 6n,
  zeroCount: 7n,
  zeroCountFloat: 8n,
  negativeSpan: 9n,
  negativeDelta: 10n,
  negativeCount: 11n,
  positiveSpan: 12n,
  positiveDelta: 13n,
  positiveCount: 14n,
  /** In Bucket. */
  cumulativeCountFloat: 4n,
} as const;

/** client_model 0.6's BucketSpan of a native histogram. */
export const BUCKET_SPAN_FIELDS = { goType: 'io_prometheus_client.BucketSpan', offset: 1n, length: 2n } as const;
