import { failure, Result, success } from '../result';

/** One metric of a group as `/api/v1/metrics` lists it; numbers stay strings, as the gateway sends them. */
export interface GatewayMetric {
  readonly labels: Readonly<Record<string, string>>;
  readonly value?: string;
  readonly buckets?: Readonly<Record<string, string>>;
  readonly quantiles?: Readonly<Record<string, string>>;
  readonly count?: string;
  readonly sum?: string;
}

export interface GatewayFamily {
  readonly name: string;
  readonly type: string;
  readonly help?: string;
  /** When this family was last pushed (RFC 3339), as the gateway reports it. */
  readonly lastPush?: string;
  readonly metrics: readonly GatewayMetric[];
}

/** A group: the metrics pushed with one grouping key, plus the gateway's bookkeeping about them. */
export interface GatewayGroup {
  /** The grouping labels, `job` included. */
  readonly labels: Readonly<Record<string, string>>;
  readonly lastPushSuccessful: boolean;
  /** Unix seconds of the last successful push (0 when none succeeded yet). */
  readonly pushTimeSeconds?: number;
  /** Unix seconds of the last failed push (0 when none failed). */
  readonly pushFailureTimeSeconds?: number;
  /** The pushed families, without push_time_seconds / push_failure_time_seconds. */
  readonly families: readonly GatewayFamily[];
}

const BOOKKEEPING = new Set(['labels', 'last_push_successful', 'push_time_seconds', 'push_failure_time_seconds']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: Json | undefined): Record<string, string> | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  const record: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    record[key] = String(entry);
  }
  return record;
}

function optionalString(value: Json | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseMetric(value: Json): GatewayMetric {
  const metric = isObject(value) ? value : {};
  return {
    labels: stringRecord(metric.labels) ?? {},
    value: optionalString(metric.value),
    buckets: stringRecord(metric.buckets),
    quantiles: stringRecord(metric.quantiles),
    count: optionalString(metric.count),
    sum: optionalString(metric.sum),
  };
}

function parseFamily(name: string, value: Json): GatewayFamily | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  return {
    name,
    type: optionalString(value.type) ?? 'UNTYPED',
    help: optionalString(value.help),
    lastPush: optionalString(value.time_stamp),
    metrics: Array.isArray(value.metrics) ? value.metrics.map(parseMetric) : [],
  };
}

/** The value of the first metric of a bookkeeping family, as a number. */
function bookkeepingSeconds(value: Json | undefined): number | undefined {
  const family = value === undefined ? undefined : parseFamily('', value);
  const seconds = Number(family?.metrics[0]?.value);
  return Number.isFinite(seconds) ? seconds : undefined;
}

function parseGroup(value: Json): GatewayGroup | undefined {
  if (!isObject(value) || !isObject(value.labels)) {
    return undefined;
  }
  const families = Object.entries(value)
    .filter(([key]) => !BOOKKEEPING.has(key))
    .map(([name, family]) => parseFamily(name, family))
    .filter((family): family is GatewayFamily => family !== undefined)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    labels: stringRecord(value.labels) ?? {},
    lastPushSuccessful: value.last_push_successful !== false,
    pushTimeSeconds: bookkeepingSeconds(value.push_time_seconds),
    pushFailureTimeSeconds: bookkeepingSeconds(value.push_failure_time_seconds),
    families,
  };
}

/** Reads the body of `GET /api/v1/metrics`; anything unexpected is a clear error, never an exception. */
export function parseGroups(body: string): Result<GatewayGroup[]> {
  let json: Json;
  try {
    json = JSON.parse(body) as Json;
  } catch {
    return failure('the answer is not JSON');
  }
  if (!isObject(json) || json.status !== 'success' || !Array.isArray(json.data)) {
    return failure('the answer has no "data" list');
  }
  const groups = json.data.map(parseGroup);
  if (groups.some((group) => group === undefined)) {
    return failure('a group has no "labels"');
  }
  return success(groups as GatewayGroup[]);
}
