import * as assert from 'node:assert/strict';
import { formatGroupingKeyText, parseGroupingKeyText } from '../../../src/core/protocol/groupingKeyText';

describe('grouping keys typed by a person', () => {
  it('reads name=value pairs separated by commas or spaces, in any order', () => {
    assert.deepEqual(parseGroupingKeyText('instance=db1, job=backup_db env=prod'), { ok: true, value: { job: 'backup_db', labels: { instance: 'db1', env: 'prod' } } });
  });

  it('reads quoted values with commas, spaces, quotes and slashes, and empty values', () => {
    assert.deepEqual(parseGroupingKeyText('job="nightly, full" path="/var/my \\"dir\\"" instance=""'), {
      ok: true,
      value: { job: 'nightly, full', labels: { path: '/var/my "dir"', instance: '' } },
    });
  });

  it('says what is wrong', () => {
    const error = (text: string) => {
      const result = parseGroupingKeyText(text);
      assert.ok(!result.ok, text);
      return result.error;
    };
    assert.match(error('instance=db1'), /needs a job/);
    assert.match(error('job=a,1x=b'), /improper label name "1x"/);
    assert.match(error('job=a,x=1,x=2'), /the label x is given twice/);
    assert.match(error('job=a,job=b'), /the job is given twice/);
    assert.match(error('job'), /expected name=value pairs/);
    assert.match(error(''), /needs a job/);
  });

  it('formats a key so that it reads back the same', () => {
    const key = { job: 'a b', labels: { path: '/x,y', empty: '', plain: 'v' } };
    assert.equal(formatGroupingKeyText(key), 'job="a b",path="/x,y",empty="",plain=v');
    assert.deepEqual(parseGroupingKeyText(formatGroupingKeyText(key)), { ok: true, value: key });
  });
});
