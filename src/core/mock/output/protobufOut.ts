import { goStringBytes, isValidGoUtf8 } from '../../goemu/goFormat';
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
import { GrowingBuffer } from './growingBuffer';
import { MergedFamily } from './render';

// GET /metrics in the delimited protobuf format (each io.prometheus.client.MetricFamily preceded
// by its length as a varint), for a client that asks for it in its Accept header.

/** How many bytes a varint of a length takes. */
function varintSize(length: number): number {
  let size = 1;
  for (let rest = length; rest >= 0x80; rest = Math.floor(rest / 0x80)) {
    size++;
  }
  return size;
}

/**
 * A nested message is written in place after a one-byte gap for its length; when the length needs more bytes, the message moves up once (so every byte is
 * copied once per level of nesting, not once per field as concatenating parts would).
 */
class ProtoWriter extends GrowingBuffer {
  /** A varint; plain numbers below 2^31 (lengths, keys, most counts) skip BigInt, with the same bytes. */
  private varint(value: bigint | number): void {
    this.reserve(10);
    const buffer = this.buffer;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 0x80000000) {
      let rest = value;
      while (rest >= 0x80) {
        buffer[this.length++] = (rest & 0x7f) | 0x80;
        rest >>>= 7;
      }
      buffer[this.length++] = rest;
      return;
    }
    let rest = BigInt.asUintN(64, BigInt(value));
    do {
      const low = Number(rest & 0x7fn);
      rest >>= 7n;
      buffer[this.length++] = rest === 0n ? low : low | 0x80;
    } while (rest !== 0n);
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
      this.reserve(8);
      this.buffer.writeDoubleLE(value, this.length);
      this.length += 8;
    }
  }

  /** A Go string: its UTF-8, escaped bytes (see goFormat.ts) written back as the bytes they stand for. */
  string(field: bigint, value: string | undefined): void {
    if (value === undefined) {
      return;
    }
    this.key(field, 2);
    if (value.length < 0x80 && this.asciiString(value)) {
      return;
    }
    if (!isValidGoUtf8(value)) {
      const bytes = goStringBytes(value);
      this.varint(bytes.length);
      this.reserve(bytes.length);
      this.length += bytes.copy(this.buffer, this.length);
      return;
    }
    const size = Buffer.byteLength(value, 'utf8');
    this.varint(size);
    this.reserve(size);
    this.length += this.buffer.write(value, this.length, 'utf8');
  }

  /**
   * A short string's length byte and bytes when it is all ASCII (nearly every name and label value),
   * written without measuring and encoding it first; false, with nothing written, otherwise.
   */
  private asciiString(value: string): boolean {
    this.reserve(value.length + 1);
    const buffer = this.buffer;
    let at = this.length;
    buffer[at++] = value.length;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) {
        return false;
      }
      buffer[at++] = code;
    }
    this.length = at;
    return true;
  }

  message(field: bigint, write: (inner: ProtoWriter) => void): void {
    this.key(field, 2);
    this.delimited(write);
  }

  /** A message preceded by its length as a varint (also the delimited format's framing). */
  delimited(write: (inner: ProtoWriter) => void): void {
    this.reserve(1);
    const lengthAt = this.length++;
    write(this);
    const size = this.length - lengthAt - 1;
    const extra = varintSize(size) - 1;
    // Room for the move and for varint()'s own reserve, which must not grow (and copy) from lengthAt.
    this.reserve(extra + 10);
    if (extra > 0) {
      this.buffer.copyWithin(lengthAt + 1 + extra, lengthAt + 1, this.length);
    }
    const end = this.length + extra;
    this.length = lengthAt;
    this.varint(size);
    this.length = end;
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
  const gauge = metric.gauge;
  if (gauge !== undefined) {
    w.message(METRIC_FIELDS.gauge, (inner) => inner.double(SIMPLE_VALUE_FIELDS.value, gauge.value));
  }
  const counter = metric.counter;
  if (counter !== undefined) {
    w.message(METRIC_FIELDS.counter, (inner) => inner.double(SIMPLE_VALUE_FIELDS.value, counter.value));
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
    out.delimited((body) => {
      body.string(FAMILY_FIELDS.name, family.name);
      body.string(FAMILY_FIELDS.help, family.help);
      body.uint(FAMILY_FIELDS.type, family.type);
      for (const metric of family.metrics) {
        body.message(FAMILY_FIELDS.metric, (inner) => writeMetric(inner, metric));
      }
    });
  }
  return out.toBuffer();
}
