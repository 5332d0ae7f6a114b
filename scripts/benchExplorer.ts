// `npm run bench:explorer`: how long the explorer takes from a gateway's answer to its group list
// with 10 000 groups: parsing /api/v1/metrics, judging every group, sorting, and the labels shown.
// This is the work behind one refresh of the view; building VS Code's tree items on top of it needs
// the editor and is not timed here (VS Code renders only the visible rows).
import { formatGroupingLabels } from '../src/core/protocol/labelText';
import { assessGroup, compareGroups, DEFAULT_LAST_SUCCESS_PATTERN } from '../src/core/groups/groupHealth';
import { parseGroups } from '../src/core/gateway/groups';
import { median } from './reference/stats';

const GROUPS = 10_000;
const RUNS = 15;
const WARM_UP = 3;
const TARGET_MS = 200;

function family(name: string, type: string, labels: Record<string, string>, value: string) {
  return { help: `${name} help`, type, time_stamp: '2026-11-25T10:00:00Z', metrics: [{ labels, value }] };
}

/** An /api/v1/metrics answer as Pushgateway 1.5.1 shapes it, with `count` groups of three families. */
function answer(count: number, now: number): string {
  const data = [];
  for (let i = 0; i < count; i++) {
    const labels = { job: `job_${i % 50}`, instance: `host-${i}` };
    const bookkeeping = (name: string, value: string) => ({ ...family(name, 'GAUGE', { ...labels }, value), help: 'bookkeeping' });
    data.push({
      labels,
      last_push_successful: i % 17 !== 0,
      push_time_seconds: bookkeeping('push_time_seconds', String(now - (i % 100) * 3600)),
      push_failure_time_seconds: bookkeeping('push_failure_time_seconds', i % 17 === 0 ? String(now) : '0'),
      backup_size_bytes: family('backup_size_bytes', 'GAUGE', { ...labels }, '1.2e+09'),
      backup_duration_seconds: family('backup_duration_seconds', 'GAUGE', { ...labels }, '42'),
      backup_last_success_unixtime: family('backup_last_success_unixtime', 'GAUGE', { ...labels }, String(now - (i % 50) * 3600)),
    });
  }
  return JSON.stringify({ status: 'success', data });
}

function refresh(body: string, now: number): number {
  const groups = parseGroups(body);
  if (!groups.ok) {
    throw new Error(groups.error);
  }
  const options = { nowSeconds: now, staleAfterSeconds: 25 * 3600, lastSuccessPattern: DEFAULT_LAST_SUCCESS_PATTERN };
  const shown = groups.value
    .map((group) => ({ group, assessment: assessGroup(group, options) }))
    .sort(compareGroups('attention'))
    .map(({ group, assessment }) => `${formatGroupingLabels(group.labels)} ${assessment.reason}`);
  return shown.length;
}

function main(): void {
  const now = Date.now() / 1000;
  const body = answer(GROUPS, now);
  for (let i = 0; i < WARM_UP; i++) {
    refresh(body, now);
  }
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    const shown = refresh(body, now);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (shown !== GROUPS) {
      throw new Error(`expected ${GROUPS} groups, got ${shown}`);
    }
  }
  const figure = median(times);
  console.log(`Explorer refresh with ${GROUPS} groups (${(body.length / 1e6).toFixed(1)} MB of /api/v1/metrics), node ${process.version}:`);
  console.log(`  parse + judge + sort + labels: median ${figure.toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms (${RUNS} runs, ${WARM_UP} warm-up)`);
  console.log(`  target < ${TARGET_MS} ms: ${figure < TARGET_MS ? 'met' : 'MISSED'} (informative; the bench does not fail on it)`);
}

main();
