// Where a 413 tells the pusher how to raise the bound it hit: the `pgw mock` flag and the editor
// setting that set it, not the option name inside the mock (which neither user ever types).

export type PushBound = 'body' | 'families' | 'series';

const HOW_TO_RAISE: Readonly<Record<PushBound, { readonly flag: string; readonly setting: string }>> = {
  body: { flag: '--max-body-bytes', setting: 'pushgateway.mock.maxBodyBytes' },
  families: { flag: '--max-families', setting: 'pushgateway.mock.maxFamiliesPerPush' },
  series: { flag: '--max-series', setting: 'pushgateway.mock.maxSeriesPerPush' },
};

/** `(pgw mock --max-series, or the setting pushgateway.mock.maxSeriesPerPush; the real Pushgateway has no limit)`. */
export function boundHint(bound: PushBound): string {
  const { flag, setting } = HOW_TO_RAISE[bound];
  return `(raise it with pgw mock ${flag} or the setting ${setting}; the real Pushgateway has no limit)`;
}
