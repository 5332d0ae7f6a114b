import * as assert from 'node:assert/strict';
import { WriteClock } from '../../../src/core/mock/clock';
import { familiesFromText } from '../../../src/core/mock/body/fromText';
import { CHECK_RULES_1_5 } from '../../../src/core/mock/store/metricChecks';
import { GATEWAY_TARGET_1_5 } from '../../../src/core/protocol/gatewayTarget';
import { MetricFamily } from '../../../src/core/mock/model';
import { GroupingLabels } from '../../../src/core/mock/store/sanitize';
import { SelfMetrics } from '../../../src/core/mock/store/selfMetrics';
import { MockStore, PushOutcome } from '../../../src/core/mock/store/store';

/** A store with a fixed clock (one second per write from 2024-01-01) that checks like Pushgateway 1.5. */
export function newStore(): { store: MockStore; self: SelfMetrics } {
  let tick = 0;
  const start = Date.UTC(2024, 0, 1);
  const self = new SelfMetrics(start / 1000);
  return { store: new MockStore(self, new WriteClock(() => new Date(start + 1000 * tick++)), CHECK_RULES_1_5), self };
}

export function textFamilies(text: string): MetricFamily[] {
  const parsed = familiesFromText(Buffer.from(text, 'utf8'), GATEWAY_TARGET_1_5);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.value;
}

export function pushText(store: MockStore, grouping: GroupingLabels, text: string, replace = true): PushOutcome {
  return store.push({ grouping, families: textFamilies(text), replace });
}

export function pushOk(store: MockStore, grouping: GroupingLabels, text: string, replace = true): void {
  const outcome = pushText(store, grouping, text, replace);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
}

export function pushError(store: MockStore, grouping: GroupingLabels, text: string, replace = true): string {
  const outcome = pushText(store, grouping, text, replace);
  assert.ok(!outcome.ok, 'expected the push to be refused');
  return outcome.error;
}

/** The exposition without the gateway's own families and with push times masked. */
export function pushedExposition(body: Buffer): string {
  const lines = body.toString('utf8').split('\n');
  const kept = lines.filter((line) => !/^(# (HELP|TYPE) )?(go_|process_|pushgateway_)/.test(line));
  return kept.join('\n').replace(/^(push(?:_failure)?_time_seconds\{[^}]*\}) \d(?:\.\d+)?e\+09$/gm, '$1 <time>');
}
