// For the screenshot of the gateway's health: a backup job that pushed with its run's start time as
// a grouping label, so every run left a group behind. Pushed into the screenshots' demo gateway only,
// through its HTTP API, after the pictures that show the demo as `npm start` does.
import { GatewayClient } from '../../src/core/gateway/client';
import { GroupingKey } from '../../src/core/protocol/groupingKey';

export const PILE_UP_JOB = 'backup_db';
export const PILE_UP_LABEL = 'run_id';
export const PILE_UP_RUNS = 12;
const HOUR_SECONDS = 60 * 60;

/** The warning row the explorer shows for them (the explorer's own wording). */
export const PILE_UP_ROW_TEXT = `${PILE_UP_JOB}: ${PILE_UP_RUNS} groups differ only in ${PILE_UP_LABEL}`;

/** Pushes one group per nightly run of the last `PILE_UP_RUNS` nights, each with its own `run_id`. */
export async function pushPileUp(url: string, nowSeconds: number): Promise<void> {
  const client = new GatewayClient({ baseUrl: url });
  try {
    for (let run = 1; run <= PILE_UP_RUNS; run++) {
      const started = Math.floor(nowSeconds) - run * 24 * HOUR_SECONDS;
      const key: GroupingKey = { job: PILE_UP_JOB, labels: { instance: 'db1', [PILE_UP_LABEL]: String(started) } };
      // The same HELP as the demo's backup_db group, so the family stays consistent across the gateway's groups.
      const body = [
        '# HELP backup_db_size_bytes Size of the last database backup.',
        '# TYPE backup_db_size_bytes gauge',
        `backup_db_size_bytes{database="orders"} ${73_400_320 - run * 1_048_576}`,
        '',
      ].join('\n');
      const outcome = await client.push({ key, method: 'PUT', body });
      if (!outcome.ok) {
        throw new Error(`pushing the pile-up group run_id=${started}: ${outcome.error.message}`);
      }
    }
  } finally {
    await client.close();
  }
}
