import { goStringBytes } from '../../goemu/goFormat';
import {
  BUCKET_FIELDS,
  BUCKET_SPAN_FIELDS,
  FAMILY_FIELDS,
  HISTOGRAM_FIELDS,
  LABEL_PAIR_FIELDS,
  METRIC_FIELDS,
  NATIVE_HISTOGRAM_FIELDS,
  QUANTILE_FIELDS,
  SIMPLE_VALUE_FIELDS,
  SUMMARY_FIELDS,
} from '../body/metricsProto';
import { HistogramValue, Metric, NativeBuckets } from '../model';
import { MergedFamily } from './render';

// GET /metrics in the delimited protobuf format (each io.prometheus.client.MetricFamily preceded
// by its length as a varint), for a client that asks for it in its Accept header.

class ProtoWriter {
  private readonly parts: Buffer[] = [];

  /** A varint; plain numbers below 2^31 (lengths, keys, most counts) skip BigInt, with the same bytes. */
  private varint(value: bigint | number): void {
    const bytes: number[] = [];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 0x80000000) {
      let rest = value;
      while (rest >= 0x80) {
        bytes.push((rest & 0x7f) | 0x80);
        rest >>>= 7;
      }
      bytes.push(rest);
    } else {
      let rest = BigInt.asUintN(64, BigInt(value));
      do {
        const low = Number(rest & 0x7fn);
        rest >>= 7n;
        bytes.push(rest === 0n ? low : low | 0x80);
      } while (rest !== 0n);
    }
    this.parts.push(Buffer.from(bytes));
  }

  private key(field: bigint, wireType: number): void {
    this.varint(Number(field) * 8 + wireType);
  }

  uint(field: bigint, value: bigint | number | undefined): void {
    if (value !== undefined) {
      this.key(field, 0);
      this.varint(value);
    }
  }

  /** sint32 and sint64: zigzag-encoded. */
  sint(field: bigint, value: bigint | number | undefined): void {
    if (value === undefined) {
      return;
    }
    if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 0x40000000) {
      this.uint(field, value >= 0 ? value * 2 : -value * 2 - 1);
      return;
    }
    const n = BigInt(value);
    this.uint(field, n >= 0n ? n * 2n : -n * 2n - 1n);
  }

  double(field: bigint, value: number | undefined): void {
    if (value !== undefined) {
      this.key(field, 1);
      const bytes = Buffer.alloc(8);
      bytes.writeDoubleLE(value);
      this.parts.push(bytes);
    }
  }

  bytes(field: bigint, value: Buffer): void {
    this.key(field, 2);
    this.varint(value.length);
    this.parts.push(value);
  }

  string(field: bigint, value: string | undefined): void {
    if (value !== undefined) {
      this.bytes(field, goStringBytes(value));
    }
  }

  message(field: bigint, write: (inner: ProtoWriter) => void): void {
    const inner = new ProtoWriter();
    write(inner);
    this.bytes(field, inner.toBuffer());
  }

  /** A length-prefixed message on its own (the delimited format), not a field. */
  delimited(message: Buffer): void {
    this.varint(message.length);
    this.parts.push(message);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** client_model 0.6's native-histogram fields. */
function writeNative(w: ProtoWriter, histogram: HistogramValue): void {
  const f = NATIVE_HISTOGRAM_FIELDS;
  w.sint(f.schema, histogram.schema);
  w.double(f.zeroThreshold, histogram.zeroThreshold);
  w.uint(f.zeroCount, histogram.zeroCount);
  w.double(f.zeroCountFloat, histogram.zeroCountFloat);
  const sides: [NativeBuckets | undefined, { span: bigint; delta: bigint; count: bigint }][] = [
    [histogram.negative, { span: f.negativeSpan, delta: f.negativeDelta, count: f.negativeCount }],
    [histogram.positive, { span: f.positiveSpan, delta: f.positiveDelta, count: f.positiveCount }],
  ];
  for (const [side, fields] of sides) {
    for (const span of side?.spans ?? []) {
      w.message(fields.span, (inner) => {
        inner.sint(BUCKET_SPAN_FIELDS.offset, span.offset);
        inner.uint(BUCKET_SPAN_FIELDS.length, span.length);
      });
    }
    for (const delta of side?.deltas ?? []) {
      w.sint(fields.delta, delta);
    }
    for (const count of side?.counts ?? []) {
      w.double(fields.count, count);
    }
  }
}

function writeMetric(w: ProtoWriter, metric: Metric): void {
  for (const pair of metric.labels) {
    w.message(METRIC_FIELDS.label, (label) => {
      label.string(LABEL_PAIR_FIELDS.name, pair.name);
      label.string(LABEL_PAIR_FIELDS.value, pair.value);
    });
  }
  const simple: [bigint, { value?: number } | undefined][] = [
    [METRIC_FIELDS.gauge, metric.gauge],
    [METRIC_FIELDS.counter, metric.counter],
  ];
  for (const [field, holder] of simple) {
    if (holder !== undefined) {
      w.message(field, (inner) => inner.double(SIMPLE_VALUE_FIELDS.value, holder.value));
    }
  }
  const summary = metric.summary;
  if (summary !== undefined) {
    w.message(METRIC_FIELDS.summary, (inner) => {
      inner.uint(SUMMARY_FIELDS.sampleCount, summary.sampleCount);
      inner.double(SUMMARY_FIELDS.sampleSum, summary.sampleSum);
      for (const quantile of summary.quantiles) {
        inner.message(SUMMARY_FIELDS.quantile, (q) => {
          q.double(QUANTILE_FIELDS.quantile, quantile.quantile);
          q.double(QUANTILE_FIELDS.value, quantile.value);
        });
      }
    });
  }
  const untyped = metric.untyped;
  if (untyped !== undefined) {
    w.message(METRIC_FIELDS.untyped, (inner) => inner.double(SIMPLE_VALUE_FIELDS.value, untyped.value));
  }
  if (metric.timestampMs !== undefined) {
    w.uint(METRIC_FIELDS.timestampMs, metric.timestampMs);
  }
  const histogram = metric.histogram;
  if (histogram !== undefined) {
    w.message(METRIC_FIELDS.histogram, (inner) => {
      inner.uint(HISTOGRAM_FIELDS.sampleCount, histogram.sampleCount);
      inner.double(NATIVE_HISTOGRAM_FIELDS.sampleCountFloat, histogram.sampleCountFloat);
      inner.double(HISTOGRAM_FIELDS.sampleSum, histogram.sampleSum);
      for (const bucket of histogram.buckets) {
        inner.message(HISTOGRAM_FIELDS.bucket, (b) => {
          b.uint(BUCKET_FIELDS.cumulativeCount, bucket.cumulativeCount);
          b.double(NATIVE_HISTOGRAM_FIELDS.cumulativeCountFloat, bucket.cumulativeCountFloat);
          b.double(BUCKET_FIELDS.upperBound, bucket.upperBound);
        });
      }
      writeNative(inner, histogram);
    });
  }
}

/** The families, each length-delimited. */
export function encodeDelimitedFamilies(families: readonly MergedFamily[]): Buffer {
  const out = new ProtoWriter();
  for (const family of families) {
    const body = new ProtoWriter();
    body.string(FAMILY_FIELDS.name, family.name);
    body.string(FAMILY_FIELDS.help, family.help);
    body.uint(FAMILY_FIELDS.type, family.type);
    for (const metric of family.metrics) {
      body.message(FAMILY_FIELDS.metric, (inner) => writeMetric(inner, metric));
    }
    out.delimited(body.toBuffer());
  }
  return out.toBuffer();
}
