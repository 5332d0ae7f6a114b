import { goStringBytes } from '../../goemu/goFormat';
import { HistogramValue, Metric, NativeBuckets } from '../model';
import { MergedFamily } from './render';

// GET /metrics in the delimited protobuf format (each io.prometheus.client.MetricFamily preceded
// by its length as a varint), for a client that asks for it in its Accept header.

class ProtoWriter {
  private readonly parts: Buffer[] = [];

  private varint(value: bigint): void {
    const bytes: number[] = [];
    let rest = BigInt.asUintN(64, value);
    do {
      const low = Number(rest & 0x7fn);
      rest >>= 7n;
      bytes.push(rest === 0n ? low : low | 0x80);
    } while (rest !== 0n);
    this.parts.push(Buffer.from(bytes));
  }

  private key(field: number, wireType: number): void {
    this.varint(BigInt((field << 3) | wireType));
  }

  uint(field: number, value: bigint | number | undefined): void {
    if (value !== undefined) {
      this.key(field, 0);
      this.varint(BigInt(value));
    }
  }

  /** sint32 and sint64: zigzag-encoded. */
  sint(field: number, value: bigint | number | undefined): void {
    if (value !== undefined) {
      const n = BigInt(value);
      this.uint(field, n >= 0n ? n * 2n : -n * 2n - 1n);
    }
  }

  double(field: number, value: number | undefined): void {
    if (value !== undefined) {
      this.key(field, 1);
      const bytes = Buffer.alloc(8);
      bytes.writeDoubleLE(value);
      this.parts.push(bytes);
    }
  }

  bytes(field: number, value: Buffer): void {
    this.key(field, 2);
    this.varint(BigInt(value.length));
    this.parts.push(value);
  }

  string(field: number, value: string | undefined): void {
    if (value !== undefined) {
      this.bytes(field, goStringBytes(value));
    }
  }

  message(field: number, write: (inner: ProtoWriter) => void): void {
    const inner = new ProtoWriter();
    write(inner);
    this.bytes(field, inner.toBuffer());
  }

  /** A length-prefixed message on its own (the delimited format), not a field. */
  delimited(message: Buffer): void {
    this.varint(BigInt(message.length));
    this.parts.push(message);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** client_model 0.6's native-histogram fields. */
function writeNative(w: ProtoWriter, histogram: HistogramValue): void {
  w.sint(5, histogram.schema);
  w.double(6, histogram.zeroThreshold);
  w.uint(7, histogram.zeroCount);
  w.double(8, histogram.zeroCountFloat);
  const sides: [NativeBuckets | undefined, number][] = [
    [histogram.negative, 9],
    [histogram.positive, 12],
  ];
  for (const [side, spanField] of sides) {
    for (const span of side?.spans ?? []) {
      w.message(spanField, (inner) => {
        inner.sint(1, span.offset);
        inner.uint(2, span.length);
      });
    }
    for (const delta of side?.deltas ?? []) {
      w.sint(spanField + 1, delta);
    }
    for (const count of side?.counts ?? []) {
      w.double(spanField + 2, count);
    }
  }
}

function writeMetric(w: ProtoWriter, metric: Metric): void {
  for (const pair of metric.labels) {
    w.message(1, (label) => {
      label.string(1, pair.name);
      label.string(2, pair.value);
    });
  }
  const simple: [number, { value?: number } | undefined][] = [
    [2, metric.gauge],
    [3, metric.counter],
  ];
  for (const [field, holder] of simple) {
    if (holder !== undefined) {
      w.message(field, (inner) => inner.double(1, holder.value));
    }
  }
  const summary = metric.summary;
  if (summary !== undefined) {
    w.message(4, (inner) => {
      inner.uint(1, summary.sampleCount);
      inner.double(2, summary.sampleSum);
      for (const quantile of summary.quantiles) {
        inner.message(3, (q) => {
          q.double(1, quantile.quantile);
          q.double(2, quantile.value);
        });
      }
    });
  }
  const untyped = metric.untyped;
  if (untyped !== undefined) {
    w.message(5, (inner) => inner.double(1, untyped.value));
  }
  if (metric.timestampMs !== undefined) {
    w.uint(6, metric.timestampMs);
  }
  const histogram = metric.histogram;
  if (histogram !== undefined) {
    w.message(7, (inner) => {
      inner.uint(1, histogram.sampleCount);
      inner.double(4, histogram.sampleCountFloat);
      inner.double(2, histogram.sampleSum);
      for (const bucket of histogram.buckets) {
        inner.message(3, (b) => {
          b.uint(1, bucket.cumulativeCount);
          b.double(4, bucket.cumulativeCountFloat);
          b.double(2, bucket.upperBound);
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
    body.string(1, family.name);
    body.string(2, family.help);
    body.uint(3, family.type);
    for (const metric of family.metrics) {
      body.message(4, (inner) => writeMetric(inner, metric));
    }
    out.delimited(body.toBuffer());
  }
  return out.toBuffer();
}
