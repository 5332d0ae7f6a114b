import * as assert from 'node:assert/strict';
import { groupDocumentTimes, humanTime } from '../../../src/core/groups/documentTimes';

describe('groupDocumentTimes (Open as Document)', () => {
  it("gives the human time of Unix-seconds gauges (last success, *_timestamp_seconds, the gateway's push times) on their lines, not of other values", () => {
    const text = [
      '# TYPE backup_last_success_unixtime gauge',
      'backup_last_success_unixtime{instance="db",job="backup"} 1.764e+09',
      '# TYPE backup_size_bytes gauge',
      'backup_size_bytes{instance="db",job="backup"} 1.796156707e+09',
      'backup_started_timestamp_seconds 1.7e+09',
      '# HELP push_time_seconds Last Unix time when changing this group in the Pushgateway succeeded.',
      '# TYPE push_time_seconds gauge',
      'push_time_seconds{instance="db",job="backup"} 1.796156707e+09',
      '# TYPE push_failure_time_seconds gauge',
      'push_failure_time_seconds{instance="db",job="backup"} 0',
      '',
    ].join('\n');
    assert.deepEqual(groupDocumentTimes(text), [
      { line: 1, text: '2025-11-24 16:00:00 UTC' },
      { line: 4, text: '2023-11-14 22:13:20 UTC' },
      { line: 7, text: '2026-12-01 20:25:07 UTC' },
      { line: 9, text: 'never' },
    ]);
  });

  it('leaves out values that are no time', () => {
    assert.deepEqual(groupDocumentTimes('push_time_seconds NaN\npush_time_seconds -1\npush_time_seconds 1e300\n'), []);
    assert.equal(humanTime(0), 'never');
  });
});
