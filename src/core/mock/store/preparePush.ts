import { addFacts, emptyFacts, FamilyFacts } from './metricChecks';
import { MetricFamily } from '../model';
import { GroupingLabels, groupingSanitizer } from './sanitize';

// The part of a push that does not depend on what the store holds (the grouping labels put into
// every metric, the facts the indexes count), done before the store's check and write and in
// slices with a pause between them, so a push of hundreds of thousands of series does not keep
// the event loop (and every other client) waiting for all of it.

/** How many metrics are prepared between two pauses. */
export const METRICS_PER_SLICE = 20_000;

/** Lets other work run (see handlers.ts: setImmediate for big pushes, nothing for small ones). */
export type Pause = () => Promise<void>;

/** Sanitizes the families in place and computes their facts, pausing after every slice of metrics. */
export async function preparePush(families: readonly MetricFamily[], grouping: GroupingLabels, pause: Pause): Promise<Map<MetricFamily, FamilyFacts>> {
  const prepared = new Map<MetricFamily, FamilyFacts>();
  const sanitize = groupingSanitizer(grouping);
  let sinceLastPause = 0;
  for (const family of families) {
    const facts = emptyFacts();
    for (let start = 0; start < family.metrics.length; start += METRICS_PER_SLICE) {
      const end = Math.min(family.metrics.length, start + METRICS_PER_SLICE);
      for (let i = start; i < end; i++) {
        sanitize(family.metrics[i]);
      }
      addFacts(facts, family, start, end);
      sinceLastPause += end - start;
      if (sinceLastPause >= METRICS_PER_SLICE) {
        sinceLastPause = 0;
        await pause();
      }
    }
    prepared.set(family, facts);
  }
  return prepared;
}
