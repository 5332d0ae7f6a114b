import { StoredFamily, storedFamily } from './metricChecks';
import { Bucket, HistogramValue, LabelPair, Metric, MetricFamily, NativeBuckets, Quantile, SimpleValue, SummaryValue } from '../model';
import { GroupingLabels } from './sanitize';
import { groupLabelsId } from '../../protocol/groupingKey';
import { Group, MockStore } from './store';

// The format of the mock's persistence file (persistenceFile.ts reads and writes it): text in,
// groups out, and back; no I/O here.
//
// The file is JSON of our own (not the real gateway's Go gob), version 1:
//
//   {
//     "version": 1,
//     "groups": [                                   // oldest first, as MockStore.groups()
//       { "labels": [["job", "j"], ["instance", "a"]],   // grouping labels, in their stored order
//         "families": [                              // in the group's own order
//           { "name": "a", "help": "…", "type": 1, "written": 1704067200000000,
//             "metrics": [ { "labels": [["instance", "a"], ["job", "j"]],
//                            "gauge": { "value": 1 } } ] } ] } ],
//     "gatherOrder": [["a", [0, 3]], …]             // family names in gather order, each with the
//   }                                               // indexes of its groups in gather order
//
// "help" and "type" are left out when unset (Go's nil), and so is every optional field of a
// metric: gauge/counter/untyped { value? }, summary { sampleCount?, sampleSum?, quantiles:
// [{ quantile?, value? }] }, histogram { sampleCount?, sampleCountFloat?, sampleSum?, buckets:
// [{ cumulativeCount?, cumulativeCountFloat?, upperBound? }], schema?, zeroThreshold?, zeroCount?,
// zeroCountFloat?, negative?, positive? } (native sides: { spans: [{ offset?, length? }], deltas,
// counts }), timestampMs?. Integers that are bigints (counts, time stamps) are decimal
// strings; a float is a JSON number, or "NaN", "+Inf", "-Inf" or "-0", which JSON cannot hold.
// "written" is the family's write time in microseconds since the epoch. Strings are the store's
// strings: invalid UTF-8 bytes are lone surrogates, which JSON.stringify writes as \udcXX escapes.
// The gather order is saved because it decides which family's HELP and TYPE /metrics shows and the
// order of consistency errors; it depends on the history of writes, not only on the groups.

export const PERSISTENCE_FORMAT_VERSION = 1;

/** A persistence file that cannot be read or written; the message names the file. */
export class PersistenceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PersistenceError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/* ---------------------------------------------------------------- encoding */

function encodeFloat(value: number): number | string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (value === Infinity || value === -Infinity) {
    return value > 0 ? '+Inf' : '-Inf';
  }
  return Object.is(value, -0) ? '-0' : value;
}

/** An object of the fields that are set, in the given order. */
function definedFields(entries: [string, Json | undefined][]): { [key: string]: Json } {
  const object: { [key: string]: Json } = {};
  for (const [key, value] of entries) {
    if (value !== undefined) {
      object[key] = value;
    }
  }
  return object;
}

function optionalFloat(value: number | undefined): Json | undefined {
  return value === undefined ? undefined : encodeFloat(value);
}

function optionalBigint(value: bigint | undefined): Json | undefined {
  return value === undefined ? undefined : value.toString();
}

function encodeLabels(labels: readonly LabelPair[]): Json {
  return labels.map((pair) => [pair.name, pair.value]);
}

function encodeSimple(value: SimpleValue | undefined): Json | undefined {
  return value === undefined ? undefined : definedFields([['value', optionalFloat(value.value)]]);
}

function encodeSummary(summary: SummaryValue | undefined): Json | undefined {
  if (summary === undefined) {
    return undefined;
  }
  return definedFields([
    ['sampleCount', optionalBigint(summary.sampleCount)],
    ['sampleSum', optionalFloat(summary.sampleSum)],
    [
      'quantiles',
      summary.quantiles.map((q) =>
        definedFields([
          ['quantile', optionalFloat(q.quantile)],
          ['value', optionalFloat(q.value)],
        ]),
      ),
    ],
  ]);
}

function encodeHistogram(histogram: HistogramValue | undefined): Json | undefined {
  if (histogram === undefined) {
    return undefined;
  }
  return definedFields([
    ['sampleCount', optionalBigint(histogram.sampleCount)],
    ['sampleCountFloat', optionalFloat(histogram.sampleCountFloat)],
    ['sampleSum', optionalFloat(histogram.sampleSum)],
    [
      'buckets',
      histogram.buckets.map((b) =>
        definedFields([
          ['cumulativeCount', optionalBigint(b.cumulativeCount)],
          ['cumulativeCountFloat', optionalFloat(b.cumulativeCountFloat)],
          ['upperBound', optionalFloat(b.upperBound)],
        ]),
      ),
    ],
    ['schema', histogram.schema],
    ['zeroThreshold', optionalFloat(histogram.zeroThreshold)],
    ['zeroCount', optionalBigint(histogram.zeroCount)],
    ['zeroCountFloat', optionalFloat(histogram.zeroCountFloat)],
    ['negative', encodeNativeSide(histogram.negative)],
    ['positive', encodeNativeSide(histogram.positive)],
  ]);
}

function encodeNativeSide(side: NativeBuckets | undefined): Json | undefined {
  if (side === undefined) {
    return undefined;
  }
  return {
    spans: side.spans.map((span) =>
      definedFields([
        ['offset', span.offset],
        ['length', span.length],
      ]),
    ),
    deltas: side.deltas.map((delta) => delta.toString()),
    counts: side.counts.map(encodeFloat),
  };
}

function encodeMetric(metric: Metric): Json {
  return definedFields([
    ['labels', encodeLabels(metric.labels)],
    ['gauge', encodeSimple(metric.gauge)],
    ['counter', encodeSimple(metric.counter)],
    ['summary', encodeSummary(metric.summary)],
    ['untyped', encodeSimple(metric.untyped)],
    ['histogram', encodeHistogram(metric.histogram)],
    ['timestampMs', optionalBigint(metric.timestampMs)],
  ]);
}

function encodeFamily(stored: StoredFamily): Json {
  const family = stored.family;
  return definedFields([
    ['name', family.name],
    ['help', family.help],
    ['type', family.type],
    ['written', stored.written],
    ['metrics', family.metrics.map(encodeMetric)],
  ]);
}

/** The store as the text of a version 1 persistence file. */
export function encodeStore(store: MockStore): string {
  const groups = [...store.groups()];
  const indexByKey = new Map(groups.map((group, index) => [group.key, index]));
  const gatherOrder: Json[] = [];
  for (const [name, groupKeys] of store.gatherOrder()) {
    gatherOrder.push([name, groupKeys.map((key) => indexByKey.get(key) ?? -1)]);
  }
  const document: Json = {
    version: PERSISTENCE_FORMAT_VERSION,
    groups: groups.map((group) => ({ labels: Object.entries(group.labels), families: [...group.families.values()].map(encodeFamily) })),
    gatherOrder,
  };
  return `${JSON.stringify(document)}\n`;
}

/* ---------------------------------------------------------------- decoding */

/** What is wrong where in the document (a JSON path like groups[0].families[2].type). */
class FormatError extends Error {}

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, where: string): JsonObject {
  if (!isObject(value)) {
    throw new FormatError(`${where}: expected an object`);
  }
  return value;
}

function arrayAt(value: unknown, where: string): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new FormatError(`${where}: expected an array`);
  }
  return value;
}

function stringAt(value: unknown, where: string): string {
  if (typeof value !== 'string') {
    throw new FormatError(`${where}: expected a string`);
  }
  return value;
}

function integerAt(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new FormatError(`${where}: expected an integer`);
  }
  return value;
}

const FLOAT_WORDS: ReadonlyMap<string, number> = new Map([
  ['NaN', NaN],
  ['+Inf', Infinity],
  ['-Inf', -Infinity],
  ['-0', -0],
]);

function floatAt(value: unknown, where: string): number {
  if (typeof value === 'number') {
    return value;
  }
  const word = typeof value === 'string' ? FLOAT_WORDS.get(value) : undefined;
  if (word === undefined) {
    throw new FormatError(`${where}: expected a number, "NaN", "+Inf", "-Inf" or "-0"`);
  }
  return word;
}

function bigintAt(value: unknown, where: string): bigint {
  if (typeof value !== 'string' || !/^-?\d{1,20}$/.test(value)) {
    throw new FormatError(`${where}: expected an integer as a decimal string`);
  }
  return BigInt(value);
}

function optional<T>(object: JsonObject, key: string, where: string, read: (value: unknown, where: string) => T): T | undefined {
  return object[key] === undefined ? undefined : read(object[key], `${where}.${key}`);
}

function labelsAt(value: unknown, where: string): LabelPair[] {
  return arrayAt(value, where).map((item, i) => {
    const pair = arrayAt(item, `${where}[${i}]`);
    if (pair.length !== 2) {
      throw new FormatError(`${where}[${i}]: expected a [name, value] pair`);
    }
    return { name: stringAt(pair[0], `${where}[${i}][0]`), value: stringAt(pair[1], `${where}[${i}][1]`) };
  });
}

function simpleAt(value: unknown, where: string): SimpleValue {
  const object = objectAt(value, where);
  return { value: optional(object, 'value', where, floatAt) };
}

function quantileAt(value: unknown, where: string): Quantile {
  const object = objectAt(value, where);
  return { quantile: optional(object, 'quantile', where, floatAt), value: optional(object, 'value', where, floatAt) };
}

function bucketAt(value: unknown, where: string): Bucket {
  const object = objectAt(value, where);
  const bucket: Bucket = { cumulativeCount: optional(object, 'cumulativeCount', where, bigintAt), upperBound: optional(object, 'upperBound', where, floatAt) };
  return Object.assign(bucket, definedValues({ cumulativeCountFloat: optional(object, 'cumulativeCountFloat', where, floatAt) }));
}

function nativeSideAt(value: unknown, where: string): NativeBuckets {
  const object = objectAt(value, where);
  return {
    spans: arrayAt(object.spans, `${where}.spans`).map((item, i) => {
      const span = objectAt(item, `${where}.spans[${i}]`);
      return definedValues({ offset: optional(span, 'offset', `${where}.spans[${i}]`, integerAt), length: optional(span, 'length', `${where}.spans[${i}]`, integerAt) });
    }),
    deltas: arrayAt(object.deltas, `${where}.deltas`).map((item, i) => bigintAt(item, `${where}.deltas[${i}]`)),
    counts: arrayAt(object.counts, `${where}.counts`).map((item, i) => floatAt(item, `${where}.counts[${i}]`)),
  };
}

function summaryAt(value: unknown, where: string): SummaryValue {
  const object = objectAt(value, where);
  return {
    sampleCount: optional(object, 'sampleCount', where, bigintAt),
    sampleSum: optional(object, 'sampleSum', where, floatAt),
    quantiles: arrayAt(object.quantiles, `${where}.quantiles`).map((item, i) => quantileAt(item, `${where}.quantiles[${i}]`)),
  };
}

function histogramAt(value: unknown, where: string): HistogramValue {
  const object = objectAt(value, where);
  const histogram: HistogramValue = {
    sampleCount: optional(object, 'sampleCount', where, bigintAt),
    sampleSum: optional(object, 'sampleSum', where, floatAt),
    buckets: arrayAt(object.buckets, `${where}.buckets`).map((item, i) => bucketAt(item, `${where}.buckets[${i}]`)),
  };
  // The fields of client_model 0.6 (1.11 targets), only where set.
  return Object.assign(
    histogram,
    definedValues({
      sampleCountFloat: optional(object, 'sampleCountFloat', where, floatAt),
      schema: optional(object, 'schema', where, integerAt),
      zeroThreshold: optional(object, 'zeroThreshold', where, floatAt),
      zeroCount: optional(object, 'zeroCount', where, bigintAt),
      zeroCountFloat: optional(object, 'zeroCountFloat', where, floatAt),
      negative: optional(object, 'negative', where, nativeSideAt),
      positive: optional(object, 'positive', where, nativeSideAt),
    }),
  );
}

/** A metric with only the fields that are set, so that it equals one the store built. */
function metricAt(value: unknown, where: string): Metric {
  const object = objectAt(value, where);
  const metric: Metric = { labels: labelsAt(object.labels, `${where}.labels`) };
  const gauge = optional(object, 'gauge', where, simpleAt);
  const counter = optional(object, 'counter', where, simpleAt);
  const summary = optional(object, 'summary', where, summaryAt);
  const untyped = optional(object, 'untyped', where, simpleAt);
  const histogram = optional(object, 'histogram', where, histogramAt);
  const timestampMs = optional(object, 'timestampMs', where, bigintAt);
  Object.assign(metric, definedValues({ gauge, counter, summary, untyped, histogram, timestampMs }));
  return metric;
}

function definedValues<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function familyAt(value: unknown, where: string): StoredFamily {
  const object = objectAt(value, where);
  const written = integerAt(object.written, `${where}.written`);
  const family: MetricFamily = {
    name: stringAt(object.name, `${where}.name`),
    ...definedValues({ help: optional(object, 'help', where, stringAt), type: optional(object, 'type', where, integerAt) }),
    metrics: arrayAt(object.metrics, `${where}.metrics`).map((item, i) => metricAt(item, `${where}.metrics[${i}]`)),
  };
  return storedFamily(family, written);
}

function groupingAt(value: unknown, where: string): GroupingLabels {
  const grouping: Record<string, string> = {};
  for (const [i, pair] of labelsAt(value, where).entries()) {
    if (Object.hasOwn(grouping, pair.name)) {
      throw new FormatError(`${where}[${i}]: the grouping label ${JSON.stringify(pair.name)} appears twice`);
    }
    grouping[pair.name] = pair.value;
  }
  return grouping;
}

function groupAt(value: unknown, where: string): Group {
  const object = objectAt(value, where);
  const labels = groupingAt(object.labels, `${where}.labels`);
  const families = new Map<string, StoredFamily>();
  arrayAt(object.families, `${where}.families`).forEach((item, i) => {
    const stored = familyAt(item, `${where}.families[${i}]`);
    if (families.has(stored.family.name)) {
      throw new FormatError(`${where}.families[${i}]: a second family named ${JSON.stringify(stored.family.name)} in the group`);
    }
    families.set(stored.family.name, stored);
  });
  if (families.size === 0) {
    throw new FormatError(`${where}.families: a stored group has at least one family`);
  }
  return { key: groupLabelsId(labels), labels, families };
}

function groupsAt(value: unknown, where: string): Group[] {
  const keys = new Set<string>();
  return arrayAt(value, where).map((item, i) => {
    const group = groupAt(item, `${where}[${i}]`);
    if (keys.has(group.key)) {
      throw new FormatError(`${where}[${i}]: the same grouping labels as an earlier group`);
    }
    keys.add(group.key);
    return group;
  });
}

/** The gather order, checked to name every family of every group exactly once. */
function gatherOrderAt(value: unknown, where: string, groups: readonly Group[]): [string, string[]][] {
  const unplaced = new Set(groups.flatMap((group, index) => [...group.families.keys()].map((name) => JSON.stringify([index, name]))));
  const order = arrayAt(value, where).map((item, i): [string, string[]] => {
    const entry = arrayAt(item, `${where}[${i}]`);
    const name = stringAt(entry[0], `${where}[${i}][0]`);
    const indexes = arrayAt(entry[1], `${where}[${i}][1]`).map((index, j) => integerAt(index, `${where}[${i}][1][${j}]`));
    for (const index of indexes) {
      if (!unplaced.delete(JSON.stringify([index, name]))) {
        throw new FormatError(`${where}[${i}]: group ${index} has no family ${JSON.stringify(name)}, or it is listed twice`);
      }
    }
    return [name, indexes.map((index) => groups[index].key)];
  });
  if (unplaced.size > 0) {
    const [index, name] = JSON.parse([...unplaced][0]) as [number, string];
    throw new FormatError(`${where}: the family ${JSON.stringify(name)} of group ${index} is missing`);
  }
  return order;
}

export interface DecodedStore {
  readonly groups: Group[];
  readonly gatherOrder: [string, string[]][];
}

/** Parses and checks the text of a persistence file; throws a FormatError saying what is wrong where. */
function decodeDocument(text: string): DecodedStore {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const document = objectAt(parsed, 'the document');
  if (document.version !== PERSISTENCE_FORMAT_VERSION) {
    throw new FormatError(`version: expected ${PERSISTENCE_FORMAT_VERSION}, found ${JSON.stringify(document.version) ?? 'none'}`);
  }
  const groups = groupsAt(document.groups, 'groups');
  return { groups, gatherOrder: gatherOrderAt(document.gatherOrder, 'gatherOrder', groups) };
}

/** The type the real gateway's gob file names first (a map of grouping keys to metric groups). */
const REAL_GATEWAY_GOB_TYPE = 'GroupingKeyToMetricGroup';

/** Whether the bytes start like the persistence file of the real Pushgateway (Go gob, not this JSON). */
export function isRealGatewayFile(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 64)).includes(REAL_GATEWAY_GOB_TYPE, 0, 'latin1');
}

/** Decodes the text of a persistence file; throws a PersistenceError naming the file. */
export function decodeStore(text: string, file: string): DecodedStore {
  try {
    return decodeDocument(text);
  } catch (error) {
    if (error instanceof FormatError) {
      throw new PersistenceError(`the mock gateway's persistence file ${file} is corrupt: ${error.message}`);
    }
    throw error;
  }
}
