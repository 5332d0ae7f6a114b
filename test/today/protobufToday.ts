// The io.prometheus.client.MetricFamily schema with the fields that came after Pushgateway 1.5.1
// (native histograms: schema, zero bucket, spans, deltas, float counts; created timestamps),
// defined inline with protobufjs reflection from the field numbers of prometheus/client_model's
// metrics.proto. test/gateway/protobuf.ts keeps the classic schema of the 1.5.1 corpus.
import * as protobuf from 'protobufjs';

export type TodayMetricFamily = Record<string, unknown>;

function field(name: string, id: number, type: string, rule: 'optional' | 'repeated' = 'optional'): protobuf.Field {
  return new protobuf.Field(name, id, type, rule);
}

function messageType(name: string, fields: readonly protobuf.Field[]): protobuf.Type {
  const type = new protobuf.Type(name);
  for (const entry of fields) {
    type.add(entry);
  }
  return type;
}

function buildSchema(): protobuf.Type {
  const root = new protobuf.Root();
  const ns = root.define('io.prometheus.client');
  ns.add(new protobuf.Enum('MetricType', { COUNTER: 0, GAUGE: 1, SUMMARY: 2, UNTYPED: 3, HISTOGRAM: 4, GAUGE_HISTOGRAM: 5 }));
  ns.add(messageType('LabelPair', [field('name', 1, 'string'), field('value', 2, 'string')]));
  ns.add(messageType('Gauge', [field('value', 1, 'double')]));
  ns.add(messageType('Counter', [field('value', 1, 'double')]));
  ns.add(messageType('Untyped', [field('value', 1, 'double')]));
  ns.add(messageType('Quantile', [field('quantile', 1, 'double'), field('value', 2, 'double')]));
  ns.add(messageType('Summary', [field('sampleCount', 1, 'uint64'), field('sampleSum', 2, 'double'), field('quantile', 3, 'Quantile', 'repeated')]));
  ns.add(messageType('Bucket', [field('cumulativeCount', 1, 'uint64'), field('upperBound', 2, 'double'), field('cumulativeCountFloat', 4, 'double')]));
  ns.add(messageType('BucketSpan', [field('offset', 1, 'sint32'), field('length', 2, 'uint32')]));
  ns.add(
    messageType('Histogram', [
      field('sampleCount', 1, 'uint64'),
      field('sampleSum', 2, 'double'),
      field('bucket', 3, 'Bucket', 'repeated'),
      field('sampleCountFloat', 4, 'double'),
      field('schema', 5, 'sint32'),
      field('zeroThreshold', 6, 'double'),
      field('zeroCount', 7, 'uint64'),
      field('zeroCountFloat', 8, 'double'),
      field('negativeSpan', 9, 'BucketSpan', 'repeated'),
      field('negativeDelta', 10, 'sint64', 'repeated'),
      field('negativeCount', 11, 'double', 'repeated'),
      field('positiveSpan', 12, 'BucketSpan', 'repeated'),
      field('positiveDelta', 13, 'sint64', 'repeated'),
      field('positiveCount', 14, 'double', 'repeated'),
    ]),
  );
  ns.add(
    messageType('Metric', [
      field('label', 1, 'LabelPair', 'repeated'),
      field('gauge', 2, 'Gauge'),
      field('counter', 3, 'Counter'),
      field('summary', 4, 'Summary'),
      field('untyped', 5, 'Untyped'),
      field('timestampMs', 6, 'int64'),
      field('histogram', 7, 'Histogram'),
    ]),
  );
  ns.add(messageType('MetricFamily', [field('name', 1, 'string'), field('help', 2, 'string'), field('type', 3, 'MetricType'), field('metric', 4, 'Metric', 'repeated'), field('unit', 5, 'string')]));
  root.resolveAll();
  return root.lookupType('io.prometheus.client.MetricFamily');
}

let familyType: protobuf.Type | undefined;

/** Each family as a varint length followed by the message: a delimited push body. */
export function encodeTodayDelimited(families: readonly TodayMetricFamily[]): Buffer {
  familyType ??= buildSchema();
  const type = familyType;
  return Buffer.concat(
    families.map((family) => {
      const message = Buffer.from(type.encode(type.fromObject(family)).finish());
      return Buffer.concat([Buffer.from(protobuf.Writer.create().uint32(message.length).finish()), message]);
    }),
  );
}
