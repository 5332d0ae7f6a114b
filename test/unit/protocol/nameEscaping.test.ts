import * as assert from 'node:assert/strict';
import { escapeName, unescapeValuesName } from '../../../src/core/protocol/nameEscaping';
import { parsePushPath } from '../../../src/core/protocol/groupingKey';

describe('protocol: name escaping of Pushgateway 1.11', () => {
  it('escapes a name for each scheme as GET /metrics shows it', () => {
    assert.equal(escapeName('backup.size.bytes', 'underscores'), 'backup_size_bytes');
    assert.equal(escapeName('backup.size.bytes', 'dots'), 'backup_dot_size_dot_bytes');
    assert.equal(escapeName('backup.size.bytes', 'values'), 'U__backup_2e_size_2e_bytes');
    assert.equal(escapeName('backup-size', 'underscores'), 'backup_size');
    assert.equal(escapeName('1ok😀', 'values'), 'U___31_ok_1f600_');
    assert.equal(escapeName('backup_size', 'underscores'), 'backup_size', 'a legacy name stays');
    assert.equal(escapeName('backup_size', 'values'), 'backup_size', 'a legacy name stays');
  });

  it('decodes U__ names, and keeps what does not decode', () => {
    assert.equal(unescapeValuesName('U__host_2e_name'), 'host.name');
    assert.equal(unescapeValuesName('U__host_2E_name'), 'host.name');
    assert.equal(unescapeValuesName('U__ok_1f600_'), 'ok😀');
    assert.equal(unescapeValuesName('U__host__x'), 'host_x');
    assert.equal(unescapeValuesName('U__'), '');
    for (const broken of ['U__a_zz_b', 'U__a_2e', 'U__a_', 'U__a_1234567_', 'U__a_d800_']) {
      assert.equal(unescapeValuesName(broken), broken, broken);
    }
    assert.equal(unescapeValuesName('host'), 'host');
  });

  it('reads grouping-key paths with UTF-8 names only when asked to (the one codec)', () => {
    const utf8 = parsePushPath('/metrics/job/j/U__host_2e_name/db-1/grösse/x/host.name@base64/ZGItMQ', undefined, 'utf8');
    assert.deepEqual(utf8.ok && utf8.value.key.labels, { 'host.name': 'db-1', grösse: 'x' });
    const legacy = parsePushPath('/metrics/job/j/U__host_2e_name/db-1', undefined, 'legacy');
    assert.deepEqual(legacy.ok && legacy.value.key.labels, { U__host_2e_name: 'db-1' });
    const refused = parsePushPath('/metrics/job/j/host.name/db-1');
    assert.ok(!refused.ok && refused.error.startsWith('improper label name "host.name"'));
    const empty = parsePushPath('/metrics/job/j/U__/db-1', undefined, 'utf8');
    assert.ok(!empty.ok && empty.error.startsWith('improper label name "U__"'));
  });
});
