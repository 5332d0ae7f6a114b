import * as assert from 'node:assert/strict';
import { parseSelector } from '../../../src/core/cleanup/selector';
import { findPileUps, pileUpText } from '../../../src/core/groups/pileUps';

function runs(job: string, count: number, extra: Record<string, string> = {}): Array<{ labels: Record<string, string> }> {
  return Array.from({ length: count }, (_, index) => ({ labels: { job, ...extra, run_id: `run-${index}` } }));
}

describe('groups that pile up', () => {
  it('flags a job with at least the threshold of groups that differ only in one label', () => {
    const groups = [...runs('backup_db', 12, { instance: 'db1' }), { labels: { job: 'backup_db' } }, ...runs('nightly', 9), { labels: { job: 'steady', instance: 'a' } }];
    const pileUps = findPileUps(groups, 10);
    assert.deepEqual(
      pileUps.map((pileUp) => [pileUpText(pileUp), pileUp.selector]),
      [['backup_db: 12 groups differ only in run_id', '{job="backup_db", instance="db1", run_id!=""}']],
    );
    assert.equal(findPileUps(groups, 9).length, 2, 'nightly at a lower threshold');
  });

  it('selects exactly the piled-up groups with its selector', () => {
    const groups = [...runs('backup_db', 10, { instance: 'db1' }), { labels: { job: 'backup_db', instance: 'db1' } }, ...runs('backup_db', 3, { instance: 'db2' })];
    const [pileUp] = findPileUps(groups, 10);
    const selector = parseSelector(pileUp.selector);
    assert.ok(selector.ok, pileUp.selector);
    assert.equal(groups.filter((group) => selector.value.matches(group.labels)).length, 10);
  });

  it('leaves out groups of the job that have one more label than the pile', () => {
    const withEnv = runs('j', 3).map((group) => ({ labels: { ...group.labels, env: 'prod' } }));
    const groups = [...runs('j', 10), ...withEnv];
    const [pileUp] = findPileUps(groups, 10);
    assert.equal(pileUp.groupCount, 10);
    const selector = parseSelector(pileUp.selector);
    assert.ok(selector.ok, pileUp.selector);
    assert.deepEqual(
      groups.filter((group) => selector.value.matches(group.labels)).map((group) => group.labels.env ?? ''),
      Array(10).fill(''),
    );
  });

  it('does not flag groups that differ in two labels, and quotes odd values', () => {
    const twoLabels = Array.from({ length: 12 }, (_, index) => ({ labels: { job: 'j', a: String(index), b: String(index) } }));
    assert.deepEqual(findPileUps(twoLabels, 10), []);
    const [odd] = findPileUps(runs('say "hi"\\', 10), 10);
    const selector = parseSelector(odd.selector);
    assert.ok(selector.ok, odd.selector);
    assert.ok(selector.value.matches({ job: 'say "hi"\\', run_id: 'x' }));
  });
});
