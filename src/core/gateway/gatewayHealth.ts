// A gateway's own health, as the explorer shows it on the gateway's node: its `/-/healthy` and
// `/-/ready` answers, its resident memory and its failed requests, both from its own `/metrics`.

/** The families of the gateway's own `/metrics` that are read: nothing else of that page is kept. */
export const OWN_METRIC_NAMES = ['process_resident_memory_bytes', 'pushgateway_http_requests_total'] as const;

/** What the gateway's own `/metrics` says of it. */
export interface OwnMetrics {
  readonly residentMemoryBytes?: number;
  /** The sum of `pushgateway_http_requests_total{code=~"4..|5.."}` (0 before any request failed). */
  readonly failedRequests: number;
}

/** One read of a gateway's health; a probe that could not be made (or a 404: not served there) is undefined. */
export interface GatewayHealthReading {
  /** `/-/healthy` answered 200. */
  readonly healthy?: boolean;
  /** `/-/ready` answered 200. */
  readonly ready?: boolean;
  /** The statuses of the probes that did not answer 200, for the tooltip. */
  readonly healthyStatus?: number;
  readonly readyStatus?: number;
  readonly own?: OwnMetrics;
  /** When it was read (ms since the epoch). */
  readonly readAt: number;
}

/** Failed requests: since the gateway started on the first read, and a rate per minute between two reads. */
export interface FailureTrend {
  readonly total: number;
  /** Undefined on the first read, or when the counter went back (the gateway restarted). */
  readonly perMinute?: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?[ \t]+(\S+)/;
const CODE_LABEL = /(?:^|,)\s*code\s*=\s*"([^"]*)"/;
const FAILED_CODE = /^[45]\d\d$/;

/** The memory and failed-request count from the lines of the gateway's `/metrics` that name those families (`# HELP`/`# TYPE` lines are skipped). */
export function parseOwnMetrics(lines: readonly string[]): OwnMetrics {
  let residentMemoryBytes: number | undefined;
  let failedRequests = 0;
  for (const line of lines) {
    const sample = SAMPLE_LINE.exec(line);
    if (!sample) {
      continue;
    }
    const [, name, labels = '', valueText] = sample;
    const value = Number(valueText);
    if (!Number.isFinite(value)) {
      continue;
    }
    if (name === 'process_resident_memory_bytes') {
      residentMemoryBytes = value;
    } else if (name === 'pushgateway_http_requests_total' && FAILED_CODE.test(CODE_LABEL.exec(labels)?.[1] ?? '')) {
      failedRequests += value;
    }
  }
  return { residentMemoryBytes, failedRequests };
}

/** What a probe's status says: 200 yes; 404, 401, 403 not known (a proxy in front that does not pass it); anything else no. */
export function probeVerdict(status: number | undefined): boolean | undefined {
  if (status === undefined || status === 404 || status === 401 || status === 403) {
    return undefined;
  }
  return status === 200;
}

/** The failed requests of this read, and their rate since the previous read of the same gateway. */
export function failureTrend(current: GatewayHealthReading, previous: GatewayHealthReading | undefined): FailureTrend | undefined {
  if (!current.own) {
    return undefined;
  }
  const total = current.own.failedRequests;
  const before = previous?.own?.failedRequests;
  const minutes = previous ? (current.readAt - previous.readAt) / 60_000 : 0;
  if (before === undefined || before > total || minutes <= 0) {
    return { total };
  }
  return { total, perMinute: (total - before) / minutes };
}

/** Whether the node marks the gateway as sick: a probe said no. */
export function isUnhealthy(health: GatewayHealthReading | undefined): boolean {
  return health?.healthy === false || health?.ready === false;
}
