import { ESCAPED_BYTE_BASE, isEscapedByte } from '../../exposition/decode';
import { goStringBytes, formatProtoTextFloat } from '../../goemu/goFormat';
import { Bucket, BucketSpan, HistogramValue, LabelPair, Metric, NativeBuckets, Quantile, SimpleValue, SummaryValue } from '../model';

// dto.Metric.String(), which the gateway's consistency errors quote, in the two ways the gateways
// write it (fields in the order of the .proto in both):
//   compact    golang/protobuf 1.3 (Pushgateway 1.5): `label:<name:"job" value:"j" > gauge:<value:1 > `,
//              every field followed by a space, strings byte by byte with octal escapes;
//   prototext  google.golang.org/protobuf (Pushgateway 1.11): `label:{name:"job"  value:"j"}  gauge:{value:1}`,
//              fields separated by two spaces (this build's pick of Go's randomised separator),
//              valid UTF-8 kept, other bytes and control characters as `\xNN`.

export type ProtoTextStyle = 'compact' | 'prototext';

function compactQuote(text: string): string {
  let out = '"';
  for (const byte of goStringBytes(text)) {
    if (byte === 0x0a) {
      out += '\\n';
    } else if (byte === 0x0d) {
      out += '\\r';
    } else if (byte === 0x09) {
      out += '\\t';
    } else if (byte === 0x22) {
      out += '\\"';
    } else if (byte === 0x5c) {
      out += '\\\\';
    } else if (byte >= 0x20 && byte < 0x7f) {
      out += String.fromCharCode(byte);
    } else {
      out += `\\${byte.toString(8).padStart(3, '0')}`;
    }
  }
  return `${out}"`;
}

const ESCAPED: Record<number, string> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x22: '\\"', 0x5c: '\\\\' };

function prototextQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (isEscapedByte(code)) {
      // a byte of invalid UTF-8 (see goFormat.ts)
      out += `\\x${(code - ESCAPED_BYTE_BASE).toString(16)}`;
    } else if (code < 0x80) {
      out += ESCAPED[code] ?? (code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : char);
    } else {
      // C1 control characters are written as \u escapes, the rest of valid UTF-8 as it is.
      out += code <= 0x9f ? `\\u${code.toString(16).padStart(4, '0')}` : char;
    }
  }
  return `${out}"`;
}

class Writer {
  constructor(private readonly style: ProtoTextStyle) {}

  quote(text: string): string {
    return this.style === 'compact' ? compactQuote(text) : prototextQuote(text);
  }

  /** Joins the non-empty fields of a message body. */
  fields(parts: readonly (string | undefined)[]): string {
    const present = parts.filter((part): part is string => part !== undefined && part !== '');
    return this.style === 'compact' ? present.map((part) => `${part} `).join('') : present.join('  ');
  }

  scalar(name: string, value: number | bigint | undefined): string | undefined {
    if (value === undefined) {
      return undefined;
    }
    return `${name}:${typeof value === 'bigint' ? value.toString() : formatProtoTextFloat(value)}`;
  }

  message(name: string, body: string): string {
    return this.style === 'compact' ? `${name}:<${body}>` : `${name}:{${body}}`;
  }
}

function labelPair(w: Writer, pair: LabelPair): string {
  return w.message('label', w.fields([`name:${w.quote(pair.name)}`, `value:${w.quote(pair.value)}`]));
}

function simpleValue(w: Writer, name: string, holder: SimpleValue | undefined): string | undefined {
  return holder === undefined ? undefined : w.message(name, w.fields([w.scalar('value', holder.value)]));
}

function quantile(w: Writer, item: Quantile): string {
  return w.message('quantile', w.fields([w.scalar('quantile', item.quantile), w.scalar('value', item.value)]));
}

function summary(w: Writer, value: SummaryValue | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  return w.message('summary', w.fields([w.scalar('sample_count', value.sampleCount), w.scalar('sample_sum', value.sampleSum), ...value.quantiles.map((q) => quantile(w, q))]));
}

function bucket(w: Writer, item: Bucket): string {
  return w.message('bucket', w.fields([w.scalar('cumulative_count', item.cumulativeCount), w.scalar('cumulative_count_float', item.cumulativeCountFloat), w.scalar('upper_bound', item.upperBound)]));
}

function span(w: Writer, name: string, item: BucketSpan): string {
  return w.message(name, w.fields([w.scalar('offset', item.offset), w.scalar('length', item.length)]));
}

/** One side of a native histogram: its spans, deltas and counts, each repeated field entry by entry. */
function nativeSide(w: Writer, prefix: 'negative' | 'positive', side: NativeBuckets | undefined): (string | undefined)[] {
  if (side === undefined) {
    return [];
  }
  return [
    ...side.spans.map((item) => span(w, `${prefix}_span`, item)),
    ...side.deltas.map((delta) => w.scalar(`${prefix}_delta`, delta)),
    ...side.counts.map((count) => w.scalar(`${prefix}_count`, count)),
  ];
}

/** The fields in the order of metrics.proto (client_model 0.6 adds float counts and the native fields). */
function histogram(w: Writer, value: HistogramValue | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  return w.message(
    'histogram',
    w.fields([
      w.scalar('sample_count', value.sampleCount),
      w.scalar('sample_count_float', value.sampleCountFloat),
      w.scalar('sample_sum', value.sampleSum),
      ...value.buckets.map((b) => bucket(w, b)),
      w.scalar('schema', value.schema),
      w.scalar('zero_threshold', value.zeroThreshold),
      w.scalar('zero_count', value.zeroCount),
      w.scalar('zero_count_float', value.zeroCountFloat),
      ...nativeSide(w, 'negative', value.negative),
      ...nativeSide(w, 'positive', value.positive),
    ]),
  );
}

/** The text of a metric: compact ends with a space unless it is empty, prototext never does. */
export function metricProtoText(metric: Metric, style: ProtoTextStyle): string {
  const w = new Writer(style);
  return w.fields([
    ...metric.labels.map((pair) => labelPair(w, pair)),
    simpleValue(w, 'gauge', metric.gauge),
    simpleValue(w, 'counter', metric.counter),
    summary(w, metric.summary),
    simpleValue(w, 'untyped', metric.untyped),
    histogram(w, metric.histogram),
    w.scalar('timestamp_ms', metric.timestampMs),
  ]);
}
