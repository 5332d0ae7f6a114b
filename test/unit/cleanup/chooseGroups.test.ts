import * as assert from 'node:assert/strict';
import { chooseGroups, CleanupCriteria, CleanupOptions, lastSignOfLife } from '../../../src/core/cleanup/chooseGroups';
import { parseSelector, GroupSelector } from '../../../src/core/cleanup/selector';
import { GatewayFamily, GatewayGroup } from '../../../src/core/gateway/groups';
import { assessGroup, DEFAULT_LAST_SUCCESS_PATTERN } from '../../../src/core/groups/groupHealth';

const NOW = 1_800_000_000;
const DAY = 86_400;
const OPTIONS: CleanupOptions = { nowSeconds: NOW, lastSuccessPattern: DEFAULT_LAST_SUCCESS_PATTERN };

function group(labels: Record<string, string>, pushedDaysAgo: number | undefined, families: GatewayFamily[] = [], failedDaysAgo?: number): GatewayGroup {
  return {
    labels,
    lastPushSuccessful: failedDaysAgo === undefined,
    pushTimeSeconds: pushedDaysAgo === undefined ? 0 : NOW - pushedDaysAgo * DAY,
    pushFailureTimeSeconds: failedDaysAgo === undefined ? 0 : NOW - failedDaysAgo * DAY,
    families,
  };
}

function lastSuccess(daysAgo: number): GatewayFamily {
  return { name: 'job_last_success_unixtime', type: 'GAUGE', metrics: [{ labels: {}, value: String(NOW - daysAgo * DAY) }] };
}

function selector(text: string): GroupSelector {
  const parsed = parseSelector(text);
  assert.ok(parsed.ok);
  return parsed.value;
}

function chosenKeys(groups: GatewayGroup[], criteria: CleanupCriteria): string[] {
  const chosen = chooseGroups(groups, criteria, OPTIONS);
  assert.ok(chosen.ok);
  return chosen.value.map((candidate) => candidate.key);
}

const GROUPS = [
  group({ job: 'tmp_old', instance: 'a' }, 10),
  group({ job: 'tmp_new', instance: 'a' }, 1),
  group({ job: 'tmp_bare' }, 10),
  group({ job: 'nightly' }, 10),
  group({ job: 'fresh' }, 0.01),
  group({ job: 'pushes_but_fails' }, 0.01, [lastSuccess(9)]),
];

describe('cleanup choice', () => {
  it('chooses the groups older than the threshold, by the last-success gauge where there is one', () => {
    assert.deepEqual(chosenKeys(GROUPS, { olderThanSeconds: 7 * DAY, selectors: [] }), ['job=nightly', 'job=pushes_but_fails', 'job=tmp_bare', 'job=tmp_old instance=a']);
  });

  it('chooses the groups matching any selector', () => {
    assert.deepEqual(chosenKeys(GROUPS, { selectors: [selector('job=~"tmp_.*"')] }), ['job=tmp_bare', 'job=tmp_new instance=a', 'job=tmp_old instance=a']);
    assert.deepEqual(chosenKeys(GROUPS, { selectors: [selector('job="nightly"'), selector('job="fresh"')] }), ['job=fresh', 'job=nightly']);
  });

  it('chooses by age and selector together', () => {
    assert.deepEqual(chosenKeys(GROUPS, { olderThanSeconds: 7 * DAY, selectors: [selector('{job=~"tmp_.*", instance!=""}')] }), ['job=tmp_old instance=a']);
  });

  it('refuses to choose without a criterion', () => {
    const chosen = chooseGroups(GROUPS, { selectors: [] }, OPTIONS);
    assert.equal(chosen.ok, false);
    assert.match(chosen.ok ? '' : chosen.error, /older than, e\.g\. 7d\) and\/or a label selector/);
  });

  it('says how old each group is and by what', () => {
    const chosen = chooseGroups(GROUPS, { olderThanSeconds: 7 * DAY, selectors: [] }, OPTIONS);
    assert.ok(chosen.ok);
    assert.deepEqual(
      chosen.value.map((candidate) => [candidate.key, candidate.ageSeconds, candidate.ageText]),
      [
        ['job=nightly', 10 * DAY, 'last push 10 d ago'],
        ['job=pushes_but_fails', 9 * DAY, 'last success (job_last_success_unixtime) 9 d ago'],
        ['job=tmp_bare', 10 * DAY, 'last push 10 d ago'],
        ['job=tmp_old instance=a', 10 * DAY, 'last push 10 d ago'],
      ],
    );
  });

  it('keeps a group somebody still pushes to, even when the pushes fail', () => {
    const failing = group({ job: 'failing' }, 10, [], 0.5);
    assert.deepEqual(chosenKeys([failing], { olderThanSeconds: 7 * DAY, selectors: [] }), []);
    assert.deepEqual(lastSignOfLife(failing, DEFAULT_LAST_SUCCESS_PATTERN), { seconds: NOW - 0.5 * DAY, basis: 'last failed push' });
    const abandoned = group({ job: 'abandoned' }, 10, [], 8);
    assert.deepEqual(chosenKeys([abandoned], { olderThanSeconds: 7 * DAY, selectors: [] }), ['job=abandoned']);
  });

  it('never chooses by age a group that shows no time at all, but names it when a selector does', () => {
    const timeless = group({ job: 'timeless' }, undefined);
    assert.deepEqual(chosenKeys([timeless], { olderThanSeconds: DAY, selectors: [] }), []);
    const chosen = chooseGroups([timeless], { selectors: [selector('job="timeless"')] }, OPTIONS);
    assert.ok(chosen.ok);
    assert.equal(chosen.value[0].ageText, 'never pushed');
  });

  it('agrees with the explorer: a group that did not fail is chosen exactly when the explorer calls it stale', () => {
    const threshold = 7 * DAY;
    const cases = [3, 6.9, 7.1, 20].flatMap((pushed) =>
      [undefined, 1, 6, 8, 30].map((success) => group({ job: `p${pushed}_s${success}` }, pushed, success === undefined ? [] : [lastSuccess(success)])),
    );
    for (const one of cases) {
      const stale = assessGroup(one, { nowSeconds: NOW, staleAfterSeconds: threshold, lastSuccessPattern: DEFAULT_LAST_SUCCESS_PATTERN }).health === 'stale';
      assert.equal(chosenKeys([one], { olderThanSeconds: threshold, selectors: [] }).length === 1, stale, one.labels.job);
    }
  });
});
