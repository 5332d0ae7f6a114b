import { decodeExposition } from '../../exposition/decode';
import { failure, Result, success } from '../../result';
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
  SIMPLE_VALUE_GO_TYPES,
  SUMMARY_FIELDS,
} from './metricsProto';
import { Bucket, BucketSpan, HistogramValue, LabelPair, Metric, MetricFamily, NativeBuckets, Quantile, SimpleValue, SummaryValue } from '../model';
import { decodeVarint, readMessage, UNEXPECTED_EOF, WIRE_BYTES, WIRE_FIXED64, WIRE_VARINT, WireCursor, WireError, WireField } from './protobufWire';

// A delimited protobuf push body (varint length, MetricFamily, repeated), read like the gateway
// reads it: pbutil.ReadDelimited in a loop until io.EOF, families keyed by name (a later family of
// the same name replaces an earlier one), errors answered as the bare Go error text.

/**
 * Who reads the body: golang/protobuf 1.3 with pbutil (Pushgateway 1.5) or google.golang.org/protobuf
 * with protodelim (1.11), whose errors start with "proto:" and a no-break space (the library picks
 * a space or U+00A0 per binary to keep callers from matching its texts; Debian's 1.11.2 has U+00A0).
 */
export type ProtobufLibrary = 'golang/protobuf' | 'protobuf-go';

/** pbutil reads the length prefix byte by byte into a 5-byte buffer (binary.MaxVarintLen32). */
const MAX_LENGTH_PREFIX = 5;
const INVALID_VARINT32 = 'invalid varint32 encountered';
/** protodelim reads up to binary.MaxVarintLen64 bytes. */
const MAX_VARINT_LENGTH = 10;
const VARINT_OVERFLOW = 'proto:\u00a0variable length integer overflow';
const INVALID_WIRE_FORMAT = 'proto:\u00a0cannot parse invalid wire-format data';
/** dto.MetricType's values in client_model 0.6: COUNTER to GAUGE_HISTOGRAM. */
const KNOWN_TYPES = new Set([0, 1, 2, 3, 4, 5]);

/**
 * Decodes a delimited body. `streamError` is the error the body's reader ends with after the last
 * byte (a gzip problem); without one the body ends with io.EOF, which ends the loop quietly, even
 * in the middle of a length prefix or before the first byte of a message.
 */
export function familiesFromDelimited(bytes: Uint8Array, library: ProtobufLibrary, streamError?: string): Result<MetricFamily[]> {
  const families = new Map<string, MetricFamily>();
  let pos = 0;
  for (;;) {
    const prefix = readLengthPrefix(bytes, pos, library === 'golang/protobuf' ? MAX_LENGTH_PREFIX : MAX_VARINT_LENGTH);
    if (prefix === 'end') {
      return streamError === undefined ? success([...families.values()]) : failure(streamError);
    }
    if (prefix === 'invalid') {
      return failure(library === 'golang/protobuf' ? INVALID_VARINT32 : VARINT_OVERFLOW);
    }
    const available = bytes.length - prefix.next;
    if (prefix.value > BigInt(available)) {
      // io.ReadFull: nothing read is a plain io.EOF, a part of the message is ErrUnexpectedEOF.
      if (available === 0) {
        return streamError === undefined ? success([...families.values()]) : failure(streamError);
      }
      return failure(streamError ?? UNEXPECTED_EOF);
    }
    const end = prefix.next + Number(prefix.value);
    const family = decodeFamily(bytes, prefix.next, end, library);
    if (!family.ok) {
      return family;
    }
    families.set(family.value.name, family.value);
    pos = end;
  }
}

type LengthPrefix = { value: bigint; next: number } | 'end' | 'invalid';

function readLengthPrefix(bytes: Uint8Array, pos: number, maxLength: number): LengthPrefix {
  for (let read = 1; ; read++) {
    if (read > maxLength) {
      return 'invalid';
    }
    if (pos + read > bytes.length) {
      return 'end';
    }
    const varint = decodeVarint(bytes, pos, pos + read);
    if (varint !== undefined) {
      return varint;
    }
  }
}

function decodeFamily(bytes: Uint8Array, start: number, end: number, library: ProtobufLibrary): Result<MetricFamily> {
  const family: MetricFamily = { name: '', metrics: [] };
  try {
    decodeFamilyFields(new WireCursor(bytes, start, end), family, library);
  } catch (error) {
    if (error instanceof WireError) {
      // google.golang.org/protobuf answers any malformed message with one text.
      return failure(library === 'golang/protobuf' ? error.message : INVALID_WIRE_FORMAT);
    }
    throw error;
  }
  return success(family);
}

function decodeFamilyFields(cursor: WireCursor, family: MetricFamily, library: ProtobufLibrary): void {
  readMessage(cursor, FAMILY_FIELDS.goType, (field) => {
    if (field.number === FAMILY_FIELDS.name && field.wire === WIRE_BYTES) {
      family.name = readString(cursor);
    } else if (field.number === FAMILY_FIELDS.help && field.wire === WIRE_BYTES) {
      family.help = readString(cursor);
    } else if (field.number === FAMILY_FIELDS.type && field.wire === WIRE_VARINT) {
      // golang/protobuf 1.3 keeps any enum number (an unknown one prints as the number);
      // google.golang.org/protobuf treats proto2 enums as closed: an unknown number is no type.
      const type = Number(BigInt.asIntN(32, cursor.varint()));
      if (library === 'golang/protobuf' || KNOWN_TYPES.has(type)) {
        family.type = type;
      }
    } else if (field.number === FAMILY_FIELDS.metric && field.wire === WIRE_BYTES) {
      family.metrics.push(readSubMessage<Metric>(cursor, { labels: [] }, (inner, metric) => decodeMetric(inner, metric, library)));
    } else {
      return false;
    }
    return true;
  });
}

/** Decodes a length-delimited sub-message into `target`; a singular message sent twice merges, as in proto2. */
function readSubMessage<T>(cursor: WireCursor, target: T, decode: (cursor: WireCursor, target: T) => void): T {
  const { start, end } = cursor.delimited();
  decode(new WireCursor(cursor.bytes, start, end), target);
  return target;
}

function readString(cursor: WireCursor): string {
  const { start, end } = cursor.delimited();
  return decodeExposition(cursor.bytes.subarray(start, end));
}

function decodeMetric(cursor: WireCursor, metric: Metric, library: ProtobufLibrary): void {
  readMessage(cursor, METRIC_FIELDS.goType, (field) => {
    if (field.number === METRIC_FIELDS.timestampMs) {
      if (field.wire !== WIRE_VARINT) {
        return false;
      }
      metric.timestampMs = BigInt.asIntN(64, cursor.varint());
      return true;
    }
    if (field.wire !== WIRE_BYTES) {
      return false;
    }
    switch (field.number) {
      case METRIC_FIELDS.label:
        metric.labels.push(readSubMessage(cursor, { name: '', value: '' }, decodeLabelPair));
        return true;
      case METRIC_FIELDS.gauge:
        metric.gauge = readSubMessage(cursor, metric.gauge ?? {}, simpleValueDecoder(SIMPLE_VALUE_GO_TYPES.gauge));
        return true;
      case METRIC_FIELDS.counter:
        metric.counter = readSubMessage(cursor, metric.counter ?? {}, simpleValueDecoder(SIMPLE_VALUE_GO_TYPES.counter));
        return true;
      case METRIC_FIELDS.untyped:
        metric.untyped = readSubMessage(cursor, metric.untyped ?? {}, simpleValueDecoder(SIMPLE_VALUE_GO_TYPES.untyped));
        return true;
      case METRIC_FIELDS.summary:
        metric.summary = readSubMessage(cursor, metric.summary ?? { quantiles: [] }, decodeSummary);
        return true;
      case METRIC_FIELDS.histogram:
        metric.histogram = readSubMessage(cursor, metric.histogram ?? { buckets: [] }, (inner, histogram) => decodeHistogram(inner, histogram, library === 'protobuf-go'));
        return true;
      default:
        return false;
    }
  });
}

function decodeLabelPair(cursor: WireCursor, pair: LabelPair): void {
  readMessage(cursor, LABEL_PAIR_FIELDS.goType, (field) => {
    if (field.wire !== WIRE_BYTES) {
      return false;
    }
    if (field.number === LABEL_PAIR_FIELDS.name) {
      pair.name = readString(cursor);
      return true;
    }
    if (field.number === LABEL_PAIR_FIELDS.value) {
      pair.value = readString(cursor);
      return true;
    }
    return false;
  });
}

function simpleValueDecoder(goType: string): (cursor: WireCursor, holder: SimpleValue) => void {
  return (cursor, holder) =>
    readMessage(cursor, goType, (field) => {
      if (field.number === SIMPLE_VALUE_FIELDS.value && field.wire === WIRE_FIXED64) {
        holder.value = cursor.double();
        return true;
      }
      return false;
    });
}

function decodeSummary(cursor: WireCursor, summary: SummaryValue): void {
  readMessage(cursor, SUMMARY_FIELDS.goType, (field) => {
    if (field.number === SUMMARY_FIELDS.sampleCount && field.wire === WIRE_VARINT) {
      summary.sampleCount = cursor.varint();
    } else if (field.number === SUMMARY_FIELDS.sampleSum && field.wire === WIRE_FIXED64) {
      summary.sampleSum = cursor.double();
    } else if (field.number === SUMMARY_FIELDS.quantile && field.wire === WIRE_BYTES) {
      summary.quantiles.push(readSubMessage<Quantile>(cursor, {}, decodeQuantile));
    } else {
      return false;
    }
    return true;
  });
}

function decodeQuantile(cursor: WireCursor, quantile: Quantile): void {
  readMessage(cursor, QUANTILE_FIELDS.goType, (field) => {
    if (field.wire !== WIRE_FIXED64) {
      return false;
    }
    if (field.number === QUANTILE_FIELDS.quantile) {
      quantile.quantile = cursor.double();
      return true;
    }
    if (field.number === QUANTILE_FIELDS.value) {
      quantile.value = cursor.double();
      return true;
    }
    return false;
  });
}

/** `native`: client_model 0.6's float counts and native-histogram fields are read too (1.11). */
function decodeHistogram(cursor: WireCursor, histogram: HistogramValue, native: boolean): void {
  readMessage(cursor, HISTOGRAM_FIELDS.goType, (field) => {
    if (field.number === HISTOGRAM_FIELDS.sampleCount && field.wire === WIRE_VARINT) {
      histogram.sampleCount = cursor.varint();
    } else if (field.number === HISTOGRAM_FIELDS.sampleSum && field.wire === WIRE_FIXED64) {
      histogram.sampleSum = cursor.double();
    } else if (field.number === HISTOGRAM_FIELDS.bucket && field.wire === WIRE_BYTES) {
      histogram.buckets.push(readSubMessage<Bucket>(cursor, {}, (inner, bucket) => decodeBucket(inner, bucket, native)));
    } else {
      return native && readNativeField(cursor, field, histogram);
    }
    return true;
  });
}

function nativeSide(histogram: HistogramValue, side: 'negative' | 'positive'): NativeBuckets {
  return (histogram[side] ??= { spans: [], deltas: [], counts: [] });
}

/** A repeated scalar field, packed (one length-delimited run) or not. */
function readRepeated<T>(cursor: WireCursor, field: WireField, scalarWire: number, read: (cursor: WireCursor) => T, into: T[]): boolean {
  if (field.wire === scalarWire) {
    into.push(read(cursor));
    return true;
  }
  if (field.wire !== WIRE_BYTES) {
    return false;
  }
  const { start, end } = cursor.delimited();
  const packed = new WireCursor(cursor.bytes, start, end);
  while (packed.remaining > 0) {
    into.push(read(packed));
  }
  return true;
}

const zigzag = (value: bigint): bigint => (value >> 1n) ^ -(value & 1n);

function readNativeField(cursor: WireCursor, field: WireField, histogram: HistogramValue): boolean {
  const f = NATIVE_HISTOGRAM_FIELDS;
  const sint = (c: WireCursor) => zigzag(c.varint());
  switch (field.number) {
    case f.sampleCountFloat:
      return field.wire === WIRE_FIXED64 && ((histogram.sampleCountFloat = cursor.double()), true);
    case f.schema:
      return field.wire === WIRE_VARINT && ((histogram.schema = Number(BigInt.asIntN(32, zigzag(cursor.varint())))), true);
    case f.zeroThreshold:
      return field.wire === WIRE_FIXED64 && ((histogram.zeroThreshold = cursor.double()), true);
    case f.zeroCount:
      return field.wire === WIRE_VARINT && ((histogram.zeroCount = cursor.varint()), true);
    case f.zeroCountFloat:
      return field.wire === WIRE_FIXED64 && ((histogram.zeroCountFloat = cursor.double()), true);
    case f.negativeSpan:
    case f.positiveSpan:
      if (field.wire !== WIRE_BYTES) {
        return false;
      }
      nativeSide(histogram, field.number === f.negativeSpan ? 'negative' : 'positive').spans.push(readSubMessage<BucketSpan>(cursor, {}, decodeSpan));
      return true;
    case f.negativeDelta:
    case f.positiveDelta:
      return readRepeated(cursor, field, WIRE_VARINT, sint, nativeSide(histogram, field.number === f.negativeDelta ? 'negative' : 'positive').deltas);
    case f.negativeCount:
    case f.positiveCount:
      return readRepeated(cursor, field, WIRE_FIXED64, (c) => c.double(), nativeSide(histogram, field.number === f.negativeCount ? 'negative' : 'positive').counts);
    default:
      return false;
  }
}

function decodeSpan(cursor: WireCursor, span: BucketSpan): void {
  readMessage(cursor, BUCKET_SPAN_FIELDS.goType, (field) => {
    if (field.number === BUCKET_SPAN_FIELDS.offset && field.wire === WIRE_VARINT) {
      span.offset = Number(BigInt.asIntN(32, zigzag(cursor.varint())));
    } else if (field.number === BUCKET_SPAN_FIELDS.length && field.wire === WIRE_VARINT) {
      span.length = Number(BigInt.asUintN(32, cursor.varint()));
    } else {
      return false;
    }
    return true;
  });
}

function decodeBucket(cursor: WireCursor, bucket: Bucket, native: boolean): void {
  readMessage(cursor, BUCKET_FIELDS.goType, (field) => {
    if (field.number === BUCKET_FIELDS.cumulativeCount && field.wire === WIRE_VARINT) {
      bucket.cumulativeCount = cursor.varint();
    } else if (native && field.number === NATIVE_HISTOGRAM_FIELDS.cumulativeCountFloat && field.wire === WIRE_FIXED64) {
      bucket.cumulativeCountFloat = cursor.double();
    } else if (field.number === BUCKET_FIELDS.upperBound && field.wire === WIRE_FIXED64) {
      bucket.upperBound = cursor.double();
    } else {
      return false;
    }
    return true;
  });
}
