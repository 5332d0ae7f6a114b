import * as assert from 'node:assert/strict';
import { DEFAULT_LAST_SUCCESS_PATTERN } from '../../../src/core/groups/groupHealth';
import { lastSuccessMetricInBody } from '../../../src/core/groups/lastSuccessInBody';

describe("a pushed body's last-success gauge", () => {
  it('is the first sample whose name the pattern matches; comments and other metrics are not', () => {
    const body = '# HELP backup_db_last_success_unixtime When it last worked.\n# TYPE backup_db_last_success_unixtime gauge\nbackup_db_rows 12\nbackup_db_last_success_unixtime $(date +%s)\n';
    assert.equal(lastSuccessMetricInBody(body, DEFAULT_LAST_SUCCESS_PATTERN), 'backup_db_last_success_unixtime');
    assert.equal(lastSuccessMetricInBody('backup_db_rows 12\n# backup_db_last_success_unixtime 1\n', DEFAULT_LAST_SUCCESS_PATTERN), undefined);
    assert.equal(lastSuccessMetricInBody('job_last_success_timestamp_seconds{a="b"} 1\n', DEFAULT_LAST_SUCCESS_PATTERN), 'job_last_success_timestamp_seconds');
  });
});
