import { rfc3339Nano, Micros } from '../clock';
import { compareGoStrings, formatGoFloat, goJsonString } from '../../goemu/goFormat';
import { StoredFamily } from '../store/metricChecks';
import { isNativeHistogram, nativeBucketsJson } from './nativeBuckets';
import { familyType, HISTOGRAM, Metric, SUMMARY, simpleValueOf, typeName } from '../model';
import { Group, PUSH_FAILURE_TIME_FAMILY, PUSH_TIME_FAMILY } from '../store/store';

// The JSON of /api/v1/metrics and /api/v1/status as Pushgateway 1.5.1 writes it with
// encoding/json: map keys sorted, struct fields in declaration order, numbers as fmt.Sprint
// strings, invalid UTF-8 as U+FFFD.

/** A JSON value to serialise with Go's rules (objects keep their entry order; Serialized is JSON text already). */
type JsonValue = string | boolean | number | JsonValue[] | JsonObject | Serialized;
interface JsonObject {
  readonly entries: readonly (readonly [string, JsonValue])[];
}
interface Serialized {
  readonly json: string;
}

/** A Go map: keys sorted byte-wise, a later duplicate key wins. */
function goMap(entries: readonly (readonly [string, JsonValue])[]): JsonObject {
  const byKey = new Map<string, JsonValue>();
  for (const [key, value] of entries) {
    byKey.set(key, value);
  }
  return { entries: [...byKey.entries()].sort(([a], [b]) => compareGoStrings(a, b)) };
}

/** A Go struct: fields in the given order. */
function goStruct(entries: readonly (readonly [string, JsonValue])[]): JsonObject {
  return { entries };
}

function serialize(value: JsonValue): string {
  if (typeof value === 'string') {
    return goJsonString(value);
  }
  if (typeof value === 'boolean' || typeof value === 'number') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(serialize).join(',')}]`;
  }
  if ('json' in value) {
    return value.json;
  }
  return `{${value.entries.map(([key, inner]) => `${goJsonString(key)}:${serialize(inner)}`).join(',')}}`;
}

function labelsObject(metric: Metric): JsonObject {
  return goMap(metric.labels.map((pair) => [pair.name, pair.value]));
}

/** The labels as goMap writes them; directly when the names are already in strictly increasing order (stored labels are sorted). */
function labelsJson(metric: Metric): string {
  let json = '{';
  let previous: string | undefined;
  for (const pair of metric.labels) {
    if (previous !== undefined && compareGoStrings(previous, pair.name) >= 0) {
      return serialize(labelsObject(metric));
    }
    json += `${previous === undefined ? '' : ','}${goJsonString(pair.name)}:${goJsonString(pair.value)}`;
    previous = pair.name;
  }
  return `${json}}`;
}

/** A histogram count: the float one where set (1.11), else the integer one. */
function countText(floatCount: number | undefined, count: bigint | undefined): string {
  return floatCount !== undefined ? formatGoFloat(floatCount) : (count ?? 0n).toString();
}

/** A metric's JSON; a gauge, counter or untyped one written directly (goMap's key order: "labels" < "value"). */
function metricJson(metric: Metric, type: number): string {
  if (type !== SUMMARY && type !== HISTOGRAM) {
    return `{"labels":${labelsJson(metric)},"value":${goJsonString(formatGoFloat(simpleValueOf(metric)))}}`;
  }
  return serialize(summaryOrHistogram(metric, type));
}

function summaryOrHistogram(metric: Metric, type: number): JsonObject {
  if (type === SUMMARY) {
    const summary = metric.summary;
    return goMap([
      ['labels', labelsObject(metric)],
      ['quantiles', goMap((summary?.quantiles ?? []).map((q) => [formatGoFloat(q.quantile ?? 0), formatGoFloat(q.value ?? 0)]))],
      ['count', (summary?.sampleCount ?? 0n).toString()],
      ['sum', formatGoFloat(summary?.sampleSum ?? 0)],
    ]);
  }
  const histogram = metric.histogram;
  return goMap([
    ['labels', labelsObject(metric)],
    [
      'buckets',
      histogram !== undefined && isNativeHistogram(histogram)
        ? nativeBucketsJson(histogram)
        : goMap((histogram?.buckets ?? []).map((b) => [formatGoFloat(b.upperBound ?? 0), countText(b.cumulativeCountFloat, b.cumulativeCount)])),
    ],
    ['count', countText(histogram?.sampleCountFloat, histogram?.sampleCount)],
    ['sum', formatGoFloat(histogram?.sampleSum ?? 0)],
  ]);
}

function familyObject(stored: StoredFamily): JsonObject {
  const family = stored.family;
  const type = familyType(family);
  const fields: [string, JsonValue][] = [
    ['time_stamp', rfc3339Nano(stored.written)],
    ['type', typeName(type)],
  ];
  if (family.help !== undefined && family.help !== '') {
    fields.push(['help', family.help]);
  }
  const metrics: string[] = [];
  for (const metric of family.metrics) {
    metrics.push(metricJson(metric, type));
  }
  fields.push(['metrics', { json: `[${metrics.join(',')}]` }]);
  return goStruct(fields);
}

/** The first series' gauge value of a push-time family (Go reads metric[0]), 0 when there is none. */
function firstGaugeValue(stored: StoredFamily | undefined): number | undefined {
  if (stored === undefined) {
    return undefined;
  }
  return stored.family.metrics[0]?.gauge?.value ?? 0;
}

/** MetricGroup.LastPushSuccess: no failure recorded, or the failure is not later than the success. */
function lastPushSuccessful(group: Group): boolean {
  const failure = firstGaugeValue(group.families.get(PUSH_FAILURE_TIME_FAMILY));
  const success = firstGaugeValue(group.families.get(PUSH_TIME_FAMILY));
  return failure === undefined || success === undefined || failure <= success;
}

function groupObject(group: Group): JsonObject {
  const entries: [string, JsonValue][] = [
    ['labels', goMap(Object.entries(group.labels))],
    ['last_push_successful', lastPushSuccessful(group)],
  ];
  for (const [name, stored] of group.families) {
    entries.push([name, familyObject(stored)]);
  }
  return goMap(entries);
}

function response(data: JsonValue): string {
  return serialize(
    goStruct([
      ['status', 'success'],
      ['data', data],
    ]),
  );
}

/** GET /api/v1/metrics. */
export function metricsJson(groups: Iterable<Group>): string {
  return response([...groups].map(groupObject));
}

export interface StatusInfo {
  /** The command-line flags as the real gateway lists them (web.listen-address is filled in once listening). */
  readonly flags: Record<string, string>;
  readonly buildInformation: Readonly<Record<string, string>>;
  readonly startTime: Micros;
}

/** GET /api/v1/status. */
export function statusJson(info: StatusInfo): string {
  return response(
    goMap([
      ['flags', goMap(Object.entries(info.flags))],
      ['start_time', rfc3339Nano(info.startTime)],
      ['build_information', goMap(Object.entries(info.buildInformation))],
    ]),
  );
}
