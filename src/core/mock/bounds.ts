import { DEFAULT_PUSH_LIMITS } from './http/handlers';
import { DEFAULT_BODY_LIMIT, DEFAULT_HEADER_TIMEOUT_MS, DEFAULT_MAX_PIPELINED_REQUESTS, MockGatewayOptions } from './server';

// The bounds the mock keeps and the real gateway does not (see README, "The mock's bounds"), as
// `pgw mock` flags and pushgateway.mock.* settings give them: each checked here, once, with the
// message that says what a good value is.

export type MockBounds = Pick<MockGatewayOptions, 'bodyLimitBytes' | 'maxFamiliesPerPush' | 'maxSeriesPerPush' | 'headerTimeoutMs' | 'maxPipelinedRequests'>;

/** The bounds' names (as flags) with their defaults, for help texts. */
export const MOCK_BOUND_DEFAULTS = {
  maxBodyBytes: DEFAULT_BODY_LIMIT,
  maxFamiliesPerPush: DEFAULT_PUSH_LIMITS.maxFamilies,
  maxSeriesPerPush: DEFAULT_PUSH_LIMITS.maxSeries,
  headerTimeoutSeconds: DEFAULT_HEADER_TIMEOUT_MS / 1000,
  maxPipelinedRequests: DEFAULT_MAX_PIPELINED_REQUESTS,
} as const;

/** The raw values, as text (flags) or numbers (settings); undefined: the default. */
export interface RawMockBounds {
  readonly maxBodyBytes?: string | number;
  readonly maxFamiliesPerPush?: string | number;
  readonly maxSeriesPerPush?: string | number;
  readonly headerTimeoutSeconds?: string | number;
  readonly maxPipelinedRequests?: string | number;
}

/** setTimeout's largest delay, in seconds. */
const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

function wholeNumber(value: string | number, name: string, min: number): number | string {
  const number = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min) {
    return `${name} must be a whole number of at least ${min}, not ${JSON.stringify(value)}`;
  }
  return number;
}

function seconds(value: string | number, name: string): number | string {
  const number = typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isFinite(number) || number <= 0 || number > MAX_TIMEOUT_SECONDS) {
    return `${name} must be a number of seconds above 0 (at most ${MAX_TIMEOUT_SECONDS}), not ${JSON.stringify(value)}`;
  }
  return Math.max(1, Math.round(number * 1000));
}

/**
 * The options for the given bounds, or what is wrong with the first bad one. `names` says how
 * each is called where it came from (a flag or a setting).
 */
export function parseMockBounds(raw: RawMockBounds, names: Readonly<Record<keyof RawMockBounds, string>>): MockBounds | string {
  const bounds: { -readonly [K in keyof MockBounds]: MockBounds[K] } = {};
  const checks: [keyof RawMockBounds, keyof MockBounds, (value: string | number, name: string) => number | string][] = [
    ['maxBodyBytes', 'bodyLimitBytes', (value, name) => wholeNumber(value, name, 1)],
    ['maxFamiliesPerPush', 'maxFamiliesPerPush', (value, name) => wholeNumber(value, name, 1)],
    ['maxSeriesPerPush', 'maxSeriesPerPush', (value, name) => wholeNumber(value, name, 1)],
    ['headerTimeoutSeconds', 'headerTimeoutMs', seconds],
    ['maxPipelinedRequests', 'maxPipelinedRequests', (value, name) => wholeNumber(value, name, 1)],
  ];
  for (const [rawName, option, check] of checks) {
    const value = raw[rawName];
    if (value === undefined) {
      continue;
    }
    const checked = check(value, names[rawName]);
    if (typeof checked === 'string') {
      return checked;
    }
    bounds[option] = checked;
  }
  return bounds;
}
