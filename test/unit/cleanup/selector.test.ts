import * as assert from 'node:assert/strict';
import { GroupSelector, parseSelector } from '../../../src/core/cleanup/selector';

function selector(text: string): GroupSelector {
  const parsed = parseSelector(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.value;
}

function errorOf(text: string): string {
  const parsed = parseSelector(text);
  assert.equal(parsed.ok, false, `${text} should be refused`);
  return parsed.ok ? '' : parsed.error;
}

describe('cleanup selector', () => {
  it('reads the four operators, with or without braces', () => {
    const parsed = selector('{job="a", instance!="", env=~"dev|test", team!~"ops.*"}');
    assert.deepEqual(
      parsed.matchers.map((matcher) => [matcher.name, matcher.operator, matcher.value]),
      [
        ['job', '=', 'a'],
        ['instance', '!=', ''],
        ['env', '=~', 'dev|test'],
        ['team', '!~', 'ops.*'],
      ],
    );
    assert.equal(selector('job=~"tmp_.*"').matchers.length, 1);
    assert.equal(selector(' { job = "a" , } ').matchers.length, 1);
  });

  it('anchors regular expressions at both ends, as Prometheus does', () => {
    const tmp = selector('job=~"tmp_.*"');
    assert.equal(tmp.matches({ job: 'tmp_1' }), true);
    assert.equal(tmp.matches({ job: 'x_tmp_1' }), false);
    const either = selector('job=~"a|b"');
    assert.equal(either.matches({ job: 'a' }), true);
    assert.equal(either.matches({ job: 'ab' }), false);
    const not = selector('{job!="", job!~"tmp_.*"}');
    assert.equal(not.matches({ job: 'x_tmp_1' }), true);
    assert.equal(not.matches({ job: 'tmp_1' }), false);
  });

  it('treats a missing label as the empty value', () => {
    const withInstance = selector('instance!=""');
    assert.equal(withInstance.matches({ job: 'a', instance: 'h1' }), true);
    assert.equal(withInstance.matches({ job: 'a' }), false);
    const withoutInstance = selector('{job="a", instance=""}');
    assert.equal(withoutInstance.matches({ job: 'a' }), true);
    assert.equal(withoutInstance.matches({ job: 'a', instance: 'h1' }), false);
  });

  it('needs every matcher to hold', () => {
    const both = selector('{job=~"tmp_.*", instance!=""}');
    assert.equal(both.matches({ job: 'tmp_1', instance: 'h' }), true);
    assert.equal(both.matches({ job: 'tmp_1' }), false);
    assert.equal(both.matches({ job: 'batch', instance: 'h' }), false);
  });

  it('reads Go escapes in quoted values and backticks raw', () => {
    assert.equal(selector('path="a\\"b\\\\c"').matchers[0].value, 'a"b\\c');
    assert.equal(selector("job='it'").matchers[0].value, 'it');
    assert.equal(selector('job=~`tmp\\d+`').matchers[0].value, 'tmp\\d+');
    assert.equal(selector('job=~`tmp\\d+`').matches({ job: 'tmp42' }), true);
  });

  it('runs a regular expression that would backtrack for ever in linear time', () => {
    const hostile = selector('job=~"(a+)+b"');
    const started = process.hrtime.bigint();
    assert.equal(hostile.matches({ job: `${'a'.repeat(5_000)}c` }), false);
    assert.ok(process.hrtime.bigint() - started < 5_000_000_000n);
  });

  it('says clearly what is wrong with a bad selector', () => {
    assert.match(errorOf('job'), /expected one of =, !=, =~, !~ after "job"/);
    assert.match(errorOf('job=tmp'), /the value of "job" must be quoted, e\.g\. job="value"/);
    assert.match(errorOf('job="tmp'), /the value of "job" has no closing "/);
    assert.match(errorOf('{job="a"'), /the "\{" is never closed/);
    assert.match(errorOf('job="a" x'), /expected "," at column 9, found "x"/);
    assert.match(errorOf('job=~"tmp_(.*"'), /the regular expression "tmp_\(\.\*" of "job" cannot be used: it is not a valid regular expression/);
    assert.match(errorOf('job=~"(?<=a)b"'), /cannot be used/);
    assert.match(errorOf('up{job="a"}'), /a group has no metric name/);
    assert.match(errorOf('{}'), /no label matcher/);
    assert.match(errorOf(''), /no label matcher/);
    assert.match(errorOf('9job="a"'), /expected a label name at column 1/);
    assert.match(errorOf('job="a\\q"'), /unknown escape "\\q"/);
  });

  it('refuses a selector that matches every group, as Prometheus refuses an all-empty selector', () => {
    assert.match(errorOf('job=~".*"'), /selects every group/);
    assert.match(errorOf('instance=""'), /selects every group/);
    assert.match(errorOf('{job!="x"}'), /selects every group/);
  });

  it('starts every message with the selector as given', () => {
    assert.match(errorOf('job=tmp'), /^bad selector job=tmp: /);
  });
});
