// The io.prometheus.client MetricFamily schema (client_model metrics.proto, proto2), defined with
// protobufjs's reflection API, and the length-delimited encoding the Pushgateway reads when a push
// has `Content-Type: application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;
// encoding=delimited`: each message is preceded by its length as a varint.
import * as protobuf from 'protobufjs';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited';

export type MetricType = 'COUNTER' | 'GAUGE' | 'SUMMARY' | 'UNTYPED' | 'HISTOGRAM' | 'GAUGE_HISTOGRAM';

export interface LabelPair {
  name: string;
  value: string;
}

export interface Quantile {
  quantile: number;
  value: number;
}

export interface Bucket {
  cumulativeCount: number;
  upperBound: number;
}

/** Plain objects in protobufjs's camel-case field naming; absent fields are not written (proto2). */
export interface Metric {
  label?: LabelPair[];
  gauge?: { value: number };
  counter?: { value: number };
  untyped?: { value: number };
  summary?: { sampleCount?: number; sampleSum?: number; quantile?: Quantile[] };
  histogram?: { sampleCount?: number; sampleSum?: number; bucket?: Bucket[] };
  timestampMs?: number;
}

export interface MetricFamily {
  name?: string;
  help?: string;
  type?: MetricType;
  metric?: Metric[];
}

function optional(name: string, id: number, type: string): protobuf.Field {
  return new protobuf.Field(name, id, type, 'optional');
}

function repeated(name: string, id: number, type: string): protobuf.Field {
  return new protobuf.Field(name, id, type, 'repeated');
}

function messageType(name: string, fields: readonly protobuf.Field[]): protobuf.Type {
  const type = new protobuf.Type(name);
  for (const field of fields) {
    type.add(field);
  }
  return type;
}

/**
 * client_model's metrics.proto as of Pushgateway 1.11: the classic fields the 1.5.1 corpus sends,
 * plus those that came later (float counts, native histograms: schema, zero bucket, spans, deltas;
 * a family's unit). Fields a message does not set are not written, so classic messages encode as
 * they always did.
 */
function buildSchema(): protobuf.Type {
  const root = new protobuf.Root();
  const namespace = root.define('io.prometheus.client');
  namespace.add(new protobuf.Enum('MetricType', { COUNTER: 0, GAUGE: 1, SUMMARY: 2, UNTYPED: 3, HISTOGRAM: 4, GAUGE_HISTOGRAM: 5 }));
  namespace.add(messageType('LabelPair', [optional('name', 1, 'string'), optional('value', 2, 'string')]));
  namespace.add(messageType('Gauge', [optional('value', 1, 'double')]));
  namespace.add(messageType('Counter', [optional('value', 1, 'double')]));
  namespace.add(messageType('Untyped', [optional('value', 1, 'double')]));
  namespace.add(messageType('Quantile', [optional('quantile', 1, 'double'), optional('value', 2, 'double')]));
  namespace.add(messageType('Summary', [optional('sampleCount', 1, 'uint64'), optional('sampleSum', 2, 'double'), repeated('quantile', 3, 'Quantile')]));
  namespace.add(messageType('Bucket', [optional('cumulativeCount', 1, 'uint64'), optional('upperBound', 2, 'double'), optional('cumulativeCountFloat', 4, 'double')]));
  namespace.add(messageType('BucketSpan', [optional('offset', 1, 'sint32'), optional('length', 2, 'uint32')]));
  namespace.add(
    messageType('Histogram', [
      optional('sampleCount', 1, 'uint64'),
      optional('sampleSum', 2, 'double'),
      repeated('bucket', 3, 'Bucket'),
      optional('sampleCountFloat', 4, 'double'),
      optional('schema', 5, 'sint32'),
      optional('zeroThreshold', 6, 'double'),
      optional('zeroCount', 7, 'uint64'),
      optional('zeroCountFloat', 8, 'double'),
      repeated('negativeSpan', 9, 'BucketSpan'),
      repeated('negativeDelta', 10, 'sint64'),
      repeated('negativeCount', 11, 'double'),
      repeated('positiveSpan', 12, 'BucketSpan'),
      repeated('positiveDelta', 13, 'sint64'),
      repeated('positiveCount', 14, 'double'),
    ]),
  );
  namespace.add(
    messageType('Metric', [
      repeated('label', 1, 'LabelPair'),
      optional('gauge', 2, 'Gauge'),
      optional('counter', 3, 'Counter'),
      optional('summary', 4, 'Summary'),
      optional('untyped', 5, 'Untyped'),
      optional('timestampMs', 6, 'int64'),
      optional('histogram', 7, 'Histogram'),
    ]),
  );
  namespace.add(
    messageType('MetricFamily', [optional('name', 1, 'string'), optional('help', 2, 'string'), optional('type', 3, 'MetricType'), repeated('metric', 4, 'Metric'), optional('unit', 5, 'string')]),
  );
  root.resolveAll();
  return root.lookupType('io.prometheus.client.MetricFamily');
}

let metricFamilyType: protobuf.Type | undefined;

function schema(): protobuf.Type {
  metricFamilyType ??= buildSchema();
  return metricFamilyType;
}

/** A family in protobufjs's field naming with any field of the schema, for the cases on what came after 1.5.1. */
export type LooseMetricFamily = Record<string, unknown>;

/** The bytes of one MetricFamily message, without a length prefix. */
export function encodeFamily(family: MetricFamily | LooseMetricFamily): Buffer {
  const type = schema();
  const message = type.fromObject(family);
  return Buffer.from(type.encode(message).finish());
}

/** A varint length prefix followed by the message, for each family: a delimited push body. */
export function encodeDelimited(families: ReadonlyArray<MetricFamily | LooseMetricFamily>): Buffer {
  return Buffer.concat(families.map((family) => withLengthPrefix(encodeFamily(family))));
}

export function withLengthPrefix(message: Buffer): Buffer {
  const writer = protobuf.Writer.create();
  writer.uint32(message.length);
  return Buffer.concat([Buffer.from(writer.finish()), message]);
}

/** A family of one metric, written field by field so that its name and label value may be any bytes. */
export interface RawFamily {
  /** The name field's exact bytes (need not be UTF-8) or text. */
  name: string | Buffer;
  /** GAUGE or UNTYPED: the family's type and the metric's value field. */
  type: 'GAUGE' | 'UNTYPED';
  /** One label whose value field holds exactly these bytes; none when absent. */
  label?: { name: string; value: Buffer };
  value: number;
}

const TYPE_NUMBERS = { GAUGE: 1, UNTYPED: 3 } as const;
/** The Metric field of each type's value: gauge 2, untyped 5. */
const VALUE_FIELDS = { GAUGE: 2, UNTYPED: 5 } as const;

/**
 * The bytes of one MetricFamily message (no length prefix) written field by field, as protobufjs
 * cannot: its string fields are always UTF-8. Fields go out in field-number order, as protobufjs
 * writes them.
 */
export function encodeRawFamily(raw: RawFamily): Buffer {
  const metric = protobuf.Writer.create();
  if (raw.label !== undefined) {
    const labelPair = protobuf.Writer.create();
    labelPair.uint32((1 << 3) | 2).string(raw.label.name);
    labelPair.uint32((2 << 3) | 2).bytes(raw.label.value);
    metric.uint32((1 << 3) | 2).bytes(labelPair.finish());
  }
  const valueMessage = protobuf.Writer.create();
  valueMessage.uint32((1 << 3) | 1).double(raw.value);
  metric.uint32((VALUE_FIELDS[raw.type] << 3) | 2).bytes(valueMessage.finish());
  const family = protobuf.Writer.create();
  family.uint32((1 << 3) | 2).bytes(typeof raw.name === 'string' ? Buffer.from(raw.name, 'utf8') : raw.name);
  family.uint32((3 << 3) | 0).uint32(TYPE_NUMBERS[raw.type]);
  family.uint32((4 << 3) | 2).bytes(metric.finish());
  return Buffer.from(family.finish());
}

/**
 * A MetricFamily with one untyped metric whose single label value is the given raw bytes (which
 * need not be UTF-8; protobufjs's string fields always are), written field by field.
 */
export function encodeFamilyWithRawLabelValue(name: string, labelName: string, labelValue: Buffer, value: number): Buffer {
  return encodeRawFamily({ name, type: 'UNTYPED', label: { name: labelName, value: labelValue }, value });
}
