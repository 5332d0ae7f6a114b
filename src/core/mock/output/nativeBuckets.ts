import { formatGoFloat } from '../../goemu/goFormat';
import { HistogramValue, NativeBuckets } from '../model';

// Native histograms (client_model 0.6 fields, pushed as protobuf to Pushgateway 1.11) as
// /api/v1/metrics lists them: `[boundaryRule, "lower", "upper", "count"]` per non-empty bucket,
// negative buckets first (most negative first), then the zero bucket, then the positive ones.
// Rules: 0 (lower, upper], 1 [lower, upper), 3 [lower, upper].

type NativeBucketJson = [number, string, string, string];

/** Listed with native buckets: one with spans (only a zero bucket still shows the classic `{}`). */
export function isNativeHistogram(histogram: HistogramValue): boolean {
  return (histogram.negative?.spans.length ?? 0) > 0 || (histogram.positive?.spans.length ?? 0) > 0;
}

function isFloatHistogram(histogram: HistogramValue): boolean {
  return histogram.sampleCountFloat !== undefined || histogram.zeroCountFloat !== undefined || (histogram.negative?.counts.length ?? 0) + (histogram.positive?.counts.length ?? 0) > 0;
}

function spanTotal(side: NativeBuckets | undefined): number {
  return (side?.spans ?? []).reduce((total, span) => total + (span.length ?? 0), 0);
}

/**
 * A native histogram 1.11.2 stores but cannot list (its /api/v1/metrics then closes the
 * connection): a schema outside -4..8, spans that do not match the bucket counts, a negative count.
 */
export function isBrokenNativeHistogram(histogram: HistogramValue): boolean {
  if (!isNativeHistogram(histogram)) {
    return false;
  }
  const schema = histogram.schema ?? 0;
  if (schema < -4 || schema > 8) {
    return true;
  }
  const float = isFloatHistogram(histogram);
  for (const side of [histogram.negative, histogram.positive]) {
    const buckets = float ? (side?.counts.length ?? 0) : (side?.deltas.length ?? 0);
    if (spanTotal(side) !== buckets) {
      return true;
    }
  }
  const floats = [histogram.sampleCountFloat ?? 0, histogram.zeroCountFloat ?? 0, ...(histogram.negative?.counts ?? []), ...(histogram.positive?.counts ?? [])];
  return floats.some((count) => count < 0);
}

const FRACTION_SCALE = 10n ** 30n;
const fractions = new Map<string, number>();

/** The integer n-th root of `value` (floor), by Newton's method from an estimate. */
function integerRoot(value: bigint, n: bigint, estimate: bigint): bigint {
  let root = estimate;
  for (;;) {
    const next = ((n - 1n) * root + value / root ** (n - 1n)) / n;
    if (next >= root - 1n && next <= root + 1n) {
      return next ** n > value ? next - 1n : next;
    }
    root = next;
  }
}

/**
 * The fraction of a bucket bound for schemas above 0, 2^(i/2^schema)/2 in [0.5, 1). Prometheus
 * keeps these in a table of decimals with 16 digits (0.7071067811865475 for schema 1, one below
 * the nearest double), so the exact value is worked out and rounded to 16 digits the same way.
 */
function boundFraction(fracIdx: number, schema: number): number {
  const key = `${schema}/${fracIdx}`;
  let fraction = fractions.get(key);
  if (fraction === undefined) {
    const n = 2n ** BigInt(schema);
    const estimate = BigInt(Math.floor(2 ** (fracIdx / Number(n)) * 1e15)) * 10n ** 15n;
    const scaled = integerRoot(2n ** BigInt(fracIdx) * FRACTION_SCALE ** n, n, estimate);
    const digits = (scaled * 10n ** 16n + FRACTION_SCALE) / (2n * FRACTION_SCALE);
    fraction = Number(`0.${digits.toString().padStart(16, '0')}`);
    fractions.set(key, fraction);
  }
  return fraction;
}

/** The upper bound of bucket `idx` at `schema`. */
function bucketBound(idx: number, schema: number): number {
  if (schema <= 0) {
    const exp = idx * 2 ** -schema;
    return exp === 1024 ? Number.MAX_VALUE : 2 ** exp;
  }
  const fracIdx = idx & (2 ** schema - 1);
  const exp = (idx >> schema) + 1;
  const fraction = boundFraction(fracIdx, schema);
  return fraction === 0.5 && exp === 1025 ? Number.MAX_VALUE : fraction * 2 ** exp;
}

/** The buckets of one side with their absolute indices and counts (deltas added up for integer histograms). */
function sideBuckets(side: NativeBuckets | undefined, float: boolean): [number, number][] {
  const buckets: [number, number][] = [];
  if (side === undefined) {
    return buckets;
  }
  let idx = 0;
  let position = 0;
  let running = 0n;
  for (const span of side.spans) {
    idx += span.offset ?? 0;
    for (let i = 0; i < (span.length ?? 0); i++, idx++, position++) {
      if (float) {
        buckets.push([idx, side.counts[position] ?? 0]);
      } else {
        running += side.deltas[position] ?? 0n;
        buckets.push([idx, Number(running)]);
      }
    }
  }
  return buckets;
}

export function nativeBucketsJson(histogram: HistogramValue): NativeBucketJson[] {
  const schema = histogram.schema ?? 0;
  const float = isFloatHistogram(histogram);
  const out: NativeBucketJson[] = [];
  for (const [idx, count] of sideBuckets(histogram.negative, float).reverse()) {
    if (count !== 0) {
      out.push([1, formatGoFloat(-bucketBound(idx, schema)), formatGoFloat(-bucketBound(idx - 1, schema)), formatGoFloat(count)]);
    }
  }
  const zeroCount = float ? (histogram.zeroCountFloat ?? 0) : Number(histogram.zeroCount ?? 0n);
  if (zeroCount !== 0) {
    const threshold = histogram.zeroThreshold ?? 0;
    out.push([3, formatGoFloat(-threshold), formatGoFloat(threshold), formatGoFloat(zeroCount)]);
  }
  for (const [idx, count] of sideBuckets(histogram.positive, float)) {
    if (count !== 0) {
      out.push([0, formatGoFloat(bucketBound(idx - 1, schema)), formatGoFloat(bucketBound(idx, schema)), formatGoFloat(count)]);
    }
  }
  return out;
}
