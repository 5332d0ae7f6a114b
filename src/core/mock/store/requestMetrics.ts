import { COUNTER, Metric, MetricFamily, SUMMARY } from '../model';

// The gateway's own request metrics (handler/metrics.go): pushgateway_http_requests_total per
// instrumented handler, code and method, and the push size and duration summaries. Like in the
// real gateway, each family exists only once something was counted in it: before the first
// instrumented request a push may use the name freely, afterwards it is checked against it.

const REQUESTS_TOTAL = 'pushgateway_http_requests_total';
const PUSH_SIZE = 'pushgateway_http_push_size_bytes';
const PUSH_DURATION = 'pushgateway_http_push_duration_seconds';

export const REQUEST_FAMILY_TYPES: Readonly<Record<string, number>> = { [REQUESTS_TOTAL]: COUNTER, [PUSH_SIZE]: SUMMARY, [PUSH_DURATION]: SUMMARY };

export const REQUEST_FAMILY_HELP: Readonly<Record<string, string>> = {
  [REQUESTS_TOTAL]: 'Total HTTP requests processed by the Pushgateway, excluding scrapes.',
  [PUSH_SIZE]: 'HTTP request size for pushes to the Pushgateway.',
  [PUSH_DURATION]: 'HTTP request duration for pushes to the Pushgateway.',
};

const OBJECTIVES = [0.1, 0.5, 0.9];
/** client_golang's default MaxAge for summary quantiles. */
const QUANTILE_MAX_AGE_MS = 10 * 60 * 1000;
const MAX_KEPT_OBSERVATIONS = 1000;

interface Observation {
  readonly at: number;
  readonly value: number;
}

class SummaryByMethod {
  private readonly byMethod = new Map<string, { count: number; sum: number; recent: Observation[] }>();

  isEmpty(): boolean {
    return this.byMethod.size === 0;
  }

  observe(method: string, value: number, at: number): void {
    let state = this.byMethod.get(method);
    if (state === undefined) {
      state = { count: 0, sum: 0, recent: [] };
      this.byMethod.set(method, state);
    }
    state.count++;
    state.sum += value;
    state.recent.push({ at, value });
    if (state.recent.length > MAX_KEPT_OBSERVATIONS) {
      state.recent.shift();
    }
  }

  metrics(now: number): Metric[] {
    return [...this.byMethod.entries()].map(([method, state]) => {
      const values = state.recent.filter((observation) => now - observation.at <= QUANTILE_MAX_AGE_MS).map((observation) => observation.value);
      values.sort((a, b) => a - b);
      const quantiles = OBJECTIVES.map((quantile) => ({ quantile, value: values.length === 0 ? NaN : values[Math.min(values.length - 1, Math.floor(quantile * values.length))] }));
      return { labels: [{ name: 'method', value: method }], summary: { sampleCount: BigInt(state.count), sampleSum: state.sum, quantiles } };
    });
  }
}

/** promhttp's sanitizeMethod: the lower-case method. */
function methodLabel(method: string): string {
  return method.toLowerCase();
}

export class RequestMetrics {
  private readonly requests = new Map<string, { handler: string; code: string; method: string; count: number }>();
  private readonly sizes = new SummaryByMethod();
  private readonly durations = new SummaryByMethod();
  private readonly appearListeners: ((names: string[]) => void)[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Calls `listener` with the names of families that come into existence (a pushed family of that name is now checked against them). */
  onAppear(listener: (names: string[]) => void): void {
    this.appearListeners.push(listener);
  }

  private appeared(names: string[]): void {
    for (const listener of this.appearListeners) {
      listener(names);
    }
  }

  /** A request an instrumented handler answered. */
  countRequest(handler: string, status: number, method: string): void {
    const first = this.requests.size === 0;
    const code = String(status);
    const key = JSON.stringify([handler, code, methodLabel(method)]);
    const entry = this.requests.get(key) ?? { handler, code, method: methodLabel(method), count: 0 };
    entry.count++;
    this.requests.set(key, entry);
    if (first) {
      this.appeared([REQUESTS_TOTAL]);
    }
  }

  /** A push the push handler answered: its approximate request size and its duration. */
  observePush(method: string, sizeBytes: number, durationSeconds: number): void {
    const first = this.sizes.isEmpty();
    const at = this.now();
    this.sizes.observe(methodLabel(method), sizeBytes, at);
    this.durations.observe(methodLabel(method), durationSeconds, at);
    if (first) {
      this.appeared([PUSH_SIZE, PUSH_DURATION]);
    }
  }

  /** Whether the family exists now (it has at least one series). */
  exists(name: string): boolean {
    if (name === REQUESTS_TOTAL) {
      return this.requests.size > 0;
    }
    return (name === PUSH_SIZE || name === PUSH_DURATION) && !this.sizes.isEmpty();
  }

  /** The families that exist now (each once it has a series). */
  families(): MetricFamily[] {
    const families: MetricFamily[] = [];
    const now = this.now();
    if (!this.sizes.isEmpty()) {
      families.push({ name: PUSH_DURATION, help: REQUEST_FAMILY_HELP[PUSH_DURATION], type: SUMMARY, metrics: this.durations.metrics(now) });
      families.push({ name: PUSH_SIZE, help: REQUEST_FAMILY_HELP[PUSH_SIZE], type: SUMMARY, metrics: this.sizes.metrics(now) });
    }
    if (this.requests.size > 0) {
      const metrics = [...this.requests.values()].map(({ handler, code, method, count }) => ({
        labels: [
          { name: 'code', value: code },
          { name: 'handler', value: handler },
          { name: 'method', value: method },
        ],
        counter: { value: count },
      }));
      families.push({ name: REQUESTS_TOTAL, help: REQUEST_FAMILY_HELP[REQUESTS_TOTAL], type: COUNTER, metrics });
    }
    return families;
  }
}
