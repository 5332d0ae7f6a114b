import * as assert from 'node:assert/strict';
import { buildPushPath, GroupingKey, parsePushPath } from '../../../src/core/protocol/groupingKey';

function build(key: GroupingKey, prefix?: string): string {
  const result = buildPushPath(key, prefix);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.value;
}

function parse(path: string): { prefix: string; key: GroupingKey } {
  const result = parsePushPath(path);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.value;
}

function parseError(path: string): string {
  const result = parsePushPath(path);
  assert.ok(!result.ok, `expected "${path}" to be rejected`);
  return result.error;
}

describe('grouping key codec', () => {
  describe('buildPushPath', () => {
    it('writes plain values percent-encoded', () => {
      assert.equal(build({ job: 'backup db', labels: { instance: 'db-1:5432', env: 'prød' } }), '/metrics/job/backup%20db/instance/db-1%3A5432/env/pr%C3%B8d');
    });

    it('writes an empty value as @base64/=', () => {
      assert.equal(build({ job: 'j', labels: { instance: '' } }), '/metrics/job/j/instance@base64/=');
    });

    it('writes values containing "/" as unpadded base64url', () => {
      assert.equal(build({ job: 'j', labels: { path: '/var/tmp' } }), '/metrics/job/j/path@base64/L3Zhci90bXA');
      assert.equal(build({ job: 'a/b', labels: {} }), '/metrics/job@base64/YS9i');
    });

    it('uses base64 for "." and "..", which path cleaning would remove', () => {
      assert.equal(build({ job: '..', labels: { dir: '.' } }), '/metrics/job@base64/Li4/dir@base64/Lg');
    });

    it('puts a route prefix in front', () => {
      assert.equal(build({ job: 'j', labels: {} }, '/pgw/'), '/pgw/metrics/job/j');
    });

    it('refuses an empty job, bad label names and a job label', () => {
      const cases: Array<[GroupingKey, RegExp]> = [
        [{ job: '', labels: {} }, /job name is required/],
        [{ job: 'j', labels: { '1abc': 'x' } }, /improper label name "1abc"/],
        [{ job: 'j', labels: { 'a-b': 'x' } }, /improper label name "a-b"/],
        [{ job: 'j', labels: { __name__: 'x' } }, /reserved/],
        [{ job: 'j', labels: { job: 'x' } }, /job is given separately/],
      ];
      for (const [key, message] of cases) {
        const result = buildPushPath(key);
        assert.ok(!result.ok);
        assert.match(result.error, message);
      }
    });
  });

  describe('parsePushPath', () => {
    it('reads job and labels in path order', () => {
      const { prefix, key } = parse('/metrics/job/backup_db/instance/prod/env/eu');
      assert.equal(prefix, '');
      assert.equal(key.job, 'backup_db');
      assert.deepEqual(Object.entries(key.labels), [
        ['instance', 'prod'],
        ['env', 'eu'],
      ]);
    });

    it('percent-decodes the path before splitting it', () => {
      assert.deepEqual(parse('/metrics/job/a%20b/x/%C3%B8').key, { job: 'a b', labels: { x: 'ø' } });
      assert.match(parseError('/metrics/job/j/x/a%2Fb'), /odd number of components/);
    });

    it('decodes @base64 values with or without padding', () => {
      assert.deepEqual(parse('/metrics/job@base64/YS9i/path@base64/L3Zhci90bXA=').key, {
        job: 'a/b',
        labels: { path: '/var/tmp' },
      });
      assert.equal(parse('/metrics/job/j/p@base64/L3Zhci90bXA').key.labels.p, '/var/tmp');
    });

    it('reads "@base64/=" and "@base64/" as an empty value', () => {
      assert.deepEqual(parse('/metrics/job/j/a@base64/=').key.labels, { a: '' });
      assert.deepEqual(parse('/metrics/job/j/a@base64/').key.labels, { a: '' });
      assert.deepEqual(parse('/metrics/job/j/a/').key.labels, { a: '' });
    });

    it('takes a plain job ending in @base64 literally', () => {
      assert.equal(parse('/metrics/job/x@base64').key.job, 'x@base64');
    });

    it('keeps the last value of a repeated label and lets the job segment win over a job label', () => {
      assert.deepEqual(parse('/metrics/job/j/a/1/a/2/job/other').key, { job: 'j', labels: { a: '2' } });
    });

    it('returns a route prefix', () => {
      assert.equal(parse('/gateway/metrics/job/j').prefix, '/gateway');
    });

    it('round-trips what buildPushPath writes', () => {
      const keys: GroupingKey[] = [
        { job: 'backup_db', labels: {} },
        { job: 'nightly/backup', labels: { instance: '', path: '/srv/a b', dot: '.', emoji: '💾 size=1', pct: '100%' } },
        { job: 'ünïcödé job', labels: { _x: '..', y: '@base64', z: '=' } },
      ];
      for (const key of keys) {
        assert.deepEqual(parse(build(key)).key, key);
      }
    });
  });

  describe('bad paths', () => {
    const cases: Array<[string, RegExp]> = [
      ['/metrics/job/j/instance', /odd number of components in label string "\/instance"/],
      ['/metrics/job/j/a/1/b', /odd number of components/],
      ['/metrics/job/j/1abc/x', /improper label name "1abc"/],
      ['/metrics/job/j/a-b/x', /improper label name "a-b"/],
      ['/metrics/job/j/__name__/x', /improper label name "__name__".*reserved/],
      ['/metrics/job/j/a@base64/!!', /invalid base64 encoding for label a="!!": illegal base64 data at input byte 0/],
      ['/metrics/job/j/a@base64/a+b', /invalid base64 encoding for label a="a\+b": illegal base64 data at input byte 1/],
      ['/metrics/job/j/a@base64/abcde', /invalid base64 encoding for label a="abcde".*truncated/],
      ['/metrics/job/j/a@base64/_w', /not valid UTF-8/],
      ['/metrics/job@base64/%%%', /malformed percent-encoding/],
      ['/metrics/job@base64/***', /invalid base64 encoding in job name "\*\*\*"/],
      ['/metrics/job@base64/=', /job name is required/],
      ['/metrics/job/', /job name is required/],
      ['/metrics/job', /expected \/metrics\/job\/<job>/],
      ['/metrics/jobs/x', /expected \/metrics\/job\/<job>/],
      ['/api/v1/metrics', /not a push path/],
      ['/metrics/job/j//a/b', /contains "\/\/"/],
      ['/metrics/job/j/a/../b/c', /"\/\.\.\/"/],
      ['/metrics/job/j/a/.', /"\/\.\/"/],
    ];
    for (const [path, message] of cases) {
      it(`rejects ${path}`, () => {
        assert.match(parseError(path), message);
      });
    }
  });
});
