import * as assert from 'node:assert/strict';
import { GroupAssessment } from '../../../src/core/groups/groupHealth';
import { GatewayFamily, GatewayGroup } from '../../../src/core/gateway/groups';
import {
  familyDescription,
  familyTooltip,
  formatBytes,
  gatewayDescription,
  gatewayTooltip,
  groupDescription,
  groupItemId,
  groupTooltipMarkdown,
  localTime,
  sampleLabel,
  sampleTooltip,
  sampleValue,
} from '../../../src/core/groups/treeText';

const NOW = 1_800_000_000;
const GATEWAY = { name: 'prod', url: 'http://pgw:9091' };

describe('explorer item texts', () => {
  describe('a gateway', () => {
    it('is short enough for the default sidebar width: group count and version; nothing before the first read', () => {
      assert.equal(gatewayDescription(undefined), '');
      assert.equal(gatewayDescription({ groupCount: 1 }), '1 group');
      assert.equal(gatewayDescription({ groupCount: 3, status: { version: '1.11.0', adminApiEnabled: false } }), '3 groups · v1.11');
      assert.equal(gatewayDescription({ groupCount: 3, shownCount: 1 }), '1 of 3 groups', 'while filtered');
      const own = { residentMemoryBytes: 14_020_608, failedRequests: 0 };
      assert.equal(gatewayDescription({ groupCount: 120, status: { version: '1.5.1', adminApiEnabled: false }, health: { healthy: true, ready: true, own, readAt: NOW } }), '120 groups · v1.5');
      for (const reading of [
        { groupCount: 120, shownCount: 10, status: { version: '1.11.2', adminApiEnabled: true }, health: { healthy: false, ready: false, own, readAt: NOW } },
        {
          groupCount: 3,
          status: { version: '1.11.2', adminApiEnabled: true },
          health: { healthy: true, ready: true, own: { residentMemoryBytes: 1.5 * 2 ** 30, failedRequests: 12 }, readAt: NOW },
          failures: { total: 12, perMinute: 2.5 },
        },
      ]) {
        // About 36 characters fit beside a short gateway name and the row's inline actions at the default width.
        assert.ok(gatewayDescription(reading).length <= 36, gatewayDescription(reading));
      }
    });

    it('marks a sick gateway first: a probe that said no, or requests that failed', () => {
      const own = { failedRequests: 4 };
      assert.equal(gatewayDescription({ groupCount: 2, health: { healthy: false, ready: false, own, readAt: NOW } }), 'unhealthy · 2 groups');
      assert.equal(gatewayDescription({ groupCount: 2, health: { healthy: true, ready: false, own, readAt: NOW } }), 'not ready · 2 groups');
      assert.equal(gatewayDescription({ groupCount: 2, health: { healthy: true, ready: true, own, readAt: NOW }, failures: { total: 4 } }), '4 failed · 2 groups', 'first read: the total');
      assert.equal(gatewayDescription({ groupCount: 2, failures: { total: 4, perMinute: 0.5 } }), '0.5 failed/min · 2 groups', 'later reads: the rate');
      assert.equal(gatewayDescription({ groupCount: 2, failures: { total: 4, perMinute: 0 } }), '2 groups', 'none since the last read');
      assert.equal(gatewayDescription({ groupCount: 2, failures: { total: 0 } }), '2 groups');
    });

    it('writes memory in a few characters', () => {
      assert.equal(formatBytes(512), '512 B');
      assert.equal(formatBytes(14_020_608), '13 MB');
      assert.equal(formatBytes(1.5 * 2 ** 30), '1.5 GB');
      assert.equal(formatBytes(2 ** 20), '1 MB');
    });

    it('has name and URL in its tooltip, and says when the admin API is on', () => {
      assert.equal(gatewayTooltip(GATEWAY, undefined), '**prod** · `http://pgw:9091`');
      assert.equal(gatewayTooltip(GATEWAY, { groupCount: 0, status: { adminApiEnabled: true } }), '**prod** · `http://pgw:9091`\n\nGroups: 0\n\nAdmin API enabled');
      assert.match(gatewayTooltip({ name: 'a_*b*', url: 'http://x' }, undefined), /^\*\*a\\_\\\*b\\\*\*\*/, 'Markdown in the name is taken as written');
    });

    it('has health, counts, memory and the read time in its tooltip', () => {
      const reading = {
        groupCount: 3,
        seriesCount: 41,
        health: { healthy: true, ready: false, readyStatus: 503, own: { residentMemoryBytes: 14_020_608, failedRequests: 7 }, readAt: NOW * 1000 },
        failures: { total: 7, perMinute: 1.5 },
        readAt: NOW * 1000,
      };
      const lines = gatewayTooltip(GATEWAY, reading).split('\n\n');
      assert.deepEqual(lines.slice(0, 5), [
        '**prod** · `http://pgw:9091`',
        'Health: healthy, **not ready** (`/-/ready` answered 503)',
        'Failed requests (4xx/5xx): 7 since the gateway started · 1.5/min since the last read',
        'Memory: 13 MB resident (`process_resident_memory_bytes`)',
        'Groups: 3 · series: 41',
      ]);
      assert.equal(lines[5], `Read at ${new Date(NOW * 1000).toLocaleTimeString()}`);
      assert.match(gatewayTooltip(GATEWAY, { ...reading, failures: { total: 7, perMinute: 0 } }), /7 since the gateway started · none since the last read/);
    });

    it('says in its tooltip what its version and switches mean for the lint', () => {
      const status = { version: '1.11.2', adminApiEnabled: false, flags: { 'push.enable-utf8-names': 'true', 'push.disable-consistency-check': 'false' } };
      assert.equal(
        gatewayTooltip(GATEWAY, { groupCount: 0, status }),
        [
          '**prod** · `http://pgw:9091`',
          'Groups: 0',
          'Version 1.11.2: documents pushed here are linted as Pushgateway 1.11 with UTF-8 names (promtool 3.x)',
          'UTF-8 names: on (--push.enable-utf8-names)',
          'Consistency check: on',
        ].join('\n\n'),
      );
      assert.equal(
        gatewayTooltip(GATEWAY, { groupCount: 0, status: { version: '1.5.1', adminApiEnabled: true, flags: { 'push.disable-consistency-check': 'true' } } }),
        [
          '**prod** · `http://pgw:9091`',
          'Groups: 0',
          'Version 1.5.1: documents pushed here are linted as Pushgateway 1.5 without the consistency check (promtool 2.x)',
          'UTF-8 names: not in this version',
          'Consistency check: off (--push.disable-consistency-check)',
          'Admin API enabled',
        ].join('\n\n'),
      );
      assert.match(gatewayTooltip(GATEWAY, { groupCount: 0, status: { version: '0.9.0', adminApiEnabled: false } }), /Version 0\.9\.0: not one the linter knows/);
    });
  });

  describe('a group', () => {
    const failed: GroupAssessment = { health: 'failed', lastFailureSeconds: NOW - 90, reason: 'the last push failed' };

    it('says why it is marked: failed, never pushed, stale by its push or its own success gauge, or the healthy reason', () => {
      assert.equal(groupDescription(failed, NOW), 'last push failed 1 min ago');
      assert.equal(groupDescription({ health: 'never-pushed', reason: 'x' }, NOW), 'never pushed successfully');
      assert.equal(groupDescription({ health: 'stale', lastPushSeconds: NOW - 2 * 86_400, reason: 'x' }, NOW), 'stale · pushed 2 d ago');
      assert.equal(groupDescription({ health: 'stale', lastPushSeconds: NOW - 60, lastSuccess: { metric: 'm', seconds: NOW - 3 * 86_400 }, reason: 'x' }, NOW), 'stale · last success 3 d ago');
      assert.equal(groupDescription({ health: 'healthy', reason: 'pushed 1 min ago' }, NOW), 'pushed 1 min ago');
    });

    it('lists its labels and push times in the tooltip, and the success gauge when there is one', () => {
      const group: GatewayGroup = { labels: { job: 'backup', instance: 'db1' }, lastPushSuccessful: true, pushTimeSeconds: NOW, pushFailureTimeSeconds: 0, families: [] };
      const withGauge: GroupAssessment = { health: 'healthy', lastSuccess: { metric: 'backup_last_success_unixtime', seconds: NOW }, reason: 'ok' };
      assert.equal(
        groupTooltipMarkdown('prod', group, withGauge),
        `**job=backup instance=db1** on prod\n\n- \`job\` = \`backup\`\n- \`instance\` = \`db1\`\n\nLast successful push: ${localTime(NOW)}\n\nLast failed push: never\n\nbackup_last_success_unixtime: ${localTime(NOW)}\n\n`,
      );
      assert.doesNotMatch(groupTooltipMarkdown('prod', group, { health: 'healthy', reason: 'ok' }), /unixtime/);
    });

    it('has an id made of the gateway and the label set, whatever the label order', () => {
      assert.equal(groupItemId('prod', { job: 'a', x: '1' }), groupItemId('prod', { x: '1', job: 'a' }));
      assert.notEqual(groupItemId('prod', { job: 'a' }), groupItemId('staging', { job: 'a' }));
      assert.notEqual(groupItemId('prod', { job: 'a' }), groupItemId('prod', { job: 'a', x: '' }));
    });
  });

  describe('a family and its samples', () => {
    const histogram: GatewayFamily = {
      name: 'latency_seconds',
      type: 'HISTOGRAM',
      metrics: [{ labels: { job: 'api', le: '' }, count: '3', sum: '1.5', buckets: { '0.5': '1', '+Inf': '3' } }],
    };

    it('shows the type and the series count, and the HELP text in the tooltip', () => {
      assert.equal(familyDescription(histogram), 'histogram · 1 series');
      assert.equal(familyTooltip(histogram), 'latency_seconds (histogram)\nNo HELP text.');
      assert.equal(familyTooltip({ ...histogram, help: 'How long.' }), 'latency_seconds (histogram)\nHow long.');
    });

    it('labels a sample by its labels and shows its value, buckets or quantiles', () => {
      assert.equal(sampleLabel({}), '{}');
      assert.equal(sampleLabel({ job: 'api', instance: '' }), '{job="api", instance=""}');
      assert.equal(sampleValue({ labels: {}, value: '42' }), '42');
      assert.equal(sampleValue(histogram.metrics[0]), 'count 3 · sum 1.5 · le 0.5: 1, le +Inf: 3');
      assert.equal(sampleValue({ labels: {}, quantiles: { '0.5': '0.2' } }), 'count ? · sum ? · q0.5: 0.2');
      assert.equal(sampleTooltip(histogram, histogram.metrics[0]), 'latency_seconds{job="api", le=""}\ncount 3 · sum 1.5 · le 0.5: 1, le +Inf: 3');
    });
  });
});
