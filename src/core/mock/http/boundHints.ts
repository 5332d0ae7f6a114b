// Where a 413 tells the pusher how to raise the bound it hit: the `pgw mock` flag and the editor
// setting that set it, not the option name inside the mock (which neither user ever types).

export type PushBound = 'body' | 'families' | 'series';

/** The `pgw mock` flag of each bound; its setting is `pushgateway.mock.` and the same key. */
export const MOCK_BOUND_FLAGS = {
  maxBodyBytes: '--max-body-bytes',
  maxFamiliesPerPush: '--max-families',
  maxSeriesPerPush: '--max-series',
  headerTimeoutSeconds: '--header-timeout',
  maxPipelinedRequests: '--max-pipelined',
} as const;

const BOUND_KEY: Readonly<Record<PushBound, keyof typeof MOCK_BOUND_FLAGS>> = { body: 'maxBodyBytes', families: 'maxFamiliesPerPush', series: 'maxSeriesPerPush' };

/** `(pgw mock --max-series, or the setting pushgateway.mock.maxSeriesPerPush; the real Pushgateway has no limit)`. */
export function boundHint(bound: PushBound): string {
  const key = BOUND_KEY[bound];
  return `(raise it with pgw mock ${MOCK_BOUND_FLAGS[key]} or the setting pushgateway.mock.${key}; the real Pushgateway has no limit)`;
}
