import * as assert from 'node:assert/strict';
import { formatGroupingLabels } from '../../../src/core/protocol/labelText';
import { assessGroup, compareGroups, DEFAULT_LAST_SUCCESS_PATTERN, describeAge, describeThreshold, HealthOptions } from '../../../src/core/groups/groupHealth';
import { GatewayFamily, GatewayGroup } from '../../../src/core/gateway/groups';
import { compileNamePattern } from '../../../src/core/groups/namePattern';

const NOW = 1_800_000_000;
const HOUR = 3600;
const OPTIONS: HealthOptions = { nowSeconds: NOW, staleAfterSeconds: 25 * HOUR, lastSuccessPattern: DEFAULT_LAST_SUCCESS_PATTERN };

function group(overrides: Partial<GatewayGroup> = {}, families: GatewayFamily[] = []): GatewayGroup {
  return { labels: { job: 'backup_db' }, lastPushSuccessful: true, pushTimeSeconds: NOW - 60, pushFailureTimeSeconds: 0, families, ...overrides };
}

function gauge(name: string, value: string): GatewayFamily {
  return { name, type: 'GAUGE', metrics: [{ labels: {}, value }] };
}

describe('group health', () => {
  it('judges with a pattern from settings through the linear-time matcher, even ^(a+)+$ over a 50-character name', () => {
    const hostile = compileNamePattern('^(a+)+$');
    assert.ok(hostile.ok);
    const families = [gauge(`${'a'.repeat(50)}!`, String(NOW - 3 * 24 * HOUR)), gauge('a'.repeat(50), String(NOW - 3 * 24 * HOUR))];
    const assessment = assessGroup(group({}, families), { ...OPTIONS, lastSuccessPattern: hostile.value });
    assert.equal(assessment.health, 'stale');
    assert.equal(assessment.lastSuccess?.metric, 'a'.repeat(50));
  });

  it('reads the last success of a gauge with 200 000 series (too many arguments for a spread)', () => {
    const metrics = Array.from({ length: 200_000 }, (_, i) => ({ labels: { i: String(i) }, value: String(NOW - 3 * 24 * HOUR + (i === 1234 ? 60 : 0)) }));
    const assessment = assessGroup(group({}, [{ name: 'job_last_success_unixtime', type: 'GAUGE', metrics }]), OPTIONS);
    assert.equal(assessment.lastSuccess?.seconds, NOW - 3 * 24 * HOUR + 60);
  });

  it('is healthy when the last push is recent', () => {
    const assessment = assessGroup(group(), OPTIONS);
    assert.equal(assessment.health, 'healthy');
    assert.equal(assessment.reason, 'pushed 1 min ago');
  });

  it('is stale when the last push is older than the threshold', () => {
    const assessment = assessGroup(group({ pushTimeSeconds: NOW - 26 * HOUR }), OPTIONS);
    assert.equal(assessment.health, 'stale');
    assert.match(assessment.reason, /last pushed 1 d ago \(more than 25 h\)/);
  });

  it("is stale when the job's last-success gauge is old, even though it pushed a minute ago", () => {
    const assessment = assessGroup(group({}, [gauge('backup_db_last_success_unixtime', String(NOW - 3 * 24 * HOUR))]), OPTIONS);
    assert.equal(assessment.health, 'stale');
    assert.deepEqual(assessment.lastSuccess, { metric: 'backup_db_last_success_unixtime', seconds: NOW - 3 * 24 * HOUR });
    assert.match(assessment.reason, /backup_db_last_success_unixtime says the job last succeeded 3 d ago/);
  });

  it('says a stale age came from the pushed gauge, not from the push, which was a minute ago', () => {
    const assessment = assessGroup(group({}, [gauge('backup_db_last_success_unixtime', String(NOW - 370 * 24 * HOUR))]), OPTIONS);
    assert.equal(assessment.reason, 'the pushed gauge backup_db_last_success_unixtime says the job last succeeded 370 d ago (more than 25 h); the group itself was pushed 1 min ago');
  });

  it('reads the *_last_success_timestamp_seconds spelling too, and a recent one keeps the group healthy', () => {
    const assessment = assessGroup(group({}, [gauge('cleanup_last_success_timestamp_seconds', '1.79999e9')]), OPTIONS);
    assert.equal(assessment.health, 'healthy');
    assert.equal(assessment.lastSuccess?.seconds, 1.79999e9);
  });

  it('is failed when the last push failed after the last success, whatever its age', () => {
    const assessment = assessGroup(group({ pushTimeSeconds: NOW - 2 * HOUR, pushFailureTimeSeconds: NOW - 120, lastPushSuccessful: false }), OPTIONS);
    assert.equal(assessment.health, 'failed');
    assert.equal(assessment.lastFailureSeconds, NOW - 120);
    assert.match(assessment.reason, /the last push failed 2 min ago/);
  });

  it('is healthy again once a push succeeds after a failure', () => {
    assert.equal(assessGroup(group({ pushTimeSeconds: NOW - 10, pushFailureTimeSeconds: NOW - 120 }), OPTIONS).health, 'healthy');
  });

  it('says never pushed for a group created by a failed first push', () => {
    assert.equal(assessGroup(group({ pushTimeSeconds: 0, pushFailureTimeSeconds: 0 }), OPTIONS).health, 'never-pushed');
    assert.equal(assessGroup(group({ pushTimeSeconds: 0, pushFailureTimeSeconds: NOW - 5 }), OPTIONS).health, 'failed');
  });

  it('describes ages in the largest whole unit', () => {
    assert.deepEqual([5, 60, 7200, 90_000].map(describeAge), ['5 s', '1 min', '2 h', '1 d']);
  });

  it('describes a threshold exactly, in the largest unit that divides it: 25 h is not "1 d"', () => {
    assert.deepEqual([90, 3600, 90_000, 172_800, 5400, 3601].map(describeThreshold), ['90 s', '1 h', '25 h', '2 d', '90 min', '3601 s']);
  });

  it('formats grouping labels job first, then by name, with empty values quoted', () => {
    assert.equal(formatGroupingLabels({ instance: '', env: 'prod', job: 'backup' }), 'job=backup env=prod instance=""');
  });

  it('sorts failed, then stale, then the rest, each by name; or only by name', () => {
    const entries = [
      { group: group({ labels: { job: 'a' } }), assessment: assessGroup(group(), OPTIONS) },
      { group: group({ labels: { job: 'b' } }), assessment: assessGroup(group({ pushTimeSeconds: NOW - 30 * HOUR }), OPTIONS) },
      { group: group({ labels: { job: 'c' } }), assessment: assessGroup(group({ pushFailureTimeSeconds: NOW }), OPTIONS) },
    ];
    assert.deepEqual(
      [...entries].sort(compareGroups('attention')).map((e) => e.group.labels.job),
      ['c', 'b', 'a'],
    );
    assert.deepEqual(
      [...entries].sort(compareGroups('name')).map((e) => e.group.labels.job),
      ['a', 'b', 'c'],
    );
  });
});
