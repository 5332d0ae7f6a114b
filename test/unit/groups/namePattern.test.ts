import * as assert from 'node:assert/strict';
import { compileNamePattern, MAX_NAME_PATTERN_LENGTH } from '../../../src/core/groups/namePattern';
import { seededRandom } from '../../support/seededRandom';

function compiled(source: string) {
  const pattern = compileNamePattern(source);
  assert.ok(pattern.ok, `${source}: ${pattern.ok ? '' : pattern.error}`);
  return pattern.value;
}

/** Patterns a user may plausibly write, each safe to run as a RegExp too (the reference answer). */
const SAFE_PATTERNS = [
  '_last_success_(unixtime|timestamp_seconds)$',
  '_last_success$',
  '^backup_',
  'success',
  '^(job|cron)_[a-z0-9_]+_last_(run|success)_(unix)?time(stamp)?(_seconds)?$',
  '^[^_]+_done$',
  'a.c',
  '^$',
  '(?:ok|done)\\d{2,3}$',
  '^x{2}y?z*$',
  '[\\w-]+\\.seconds',
  '^(a|ab)(c|bcd)(d*)$',
  'time(stamp|)$',
  '[a-c-]x',
  '\\x61b',
  '{1',
  'a{,2}',
  '(a*)*b',
  '(|a)+$',
];

const NAME_ALPHABET = 'abcdxyz_019-.{},';

describe('name pattern (a linear-time matcher for lastSuccessPattern)', () => {
  it('answers exactly as a JavaScript RegExp on the patterns a user writes', () => {
    const random = seededRandom(15);
    const names = [
      'backup_db_last_success_unixtime',
      'cleanup_last_success_timestamp_seconds',
      'x_last_success_unixtime_total',
      'job_a_last_run_time',
      'cron_b1_last_success_unixtimestamp_seconds',
      'abc',
      'ac',
      'ok123',
      'xxz',
      '',
    ];
    for (let i = 0; i < 300; i++) {
      const length = Math.floor(random() * 12);
      names.push(Array.from({ length }, () => NAME_ALPHABET[Math.floor(random() * NAME_ALPHABET.length)]).join(''));
    }
    for (const source of SAFE_PATTERNS) {
      const pattern = compiled(source);
      const reference = new RegExp(source);
      for (const name of names) {
        assert.equal(pattern.test(name), reference.test(name), `${source} on ${JSON.stringify(name)}`);
      }
    }
  });

  it('keeps the default: *_last_success_unixtime and *_last_success_timestamp_seconds', () => {
    const pattern = compiled('_last_success_(unixtime|timestamp_seconds)$');
    assert.equal(pattern.test('backup_last_success_unixtime'), true);
    assert.equal(pattern.test('backup_last_success_timestamp_seconds'), true);
    assert.equal(pattern.test('backup_last_success_unixtime_seconds'), false);
    assert.equal(pattern.test('backup_last_success'), false);
  });

  it('runs ^(a+)+$ over a long name in steps linear in the name, where a RegExp backtracks exponentially', () => {
    const pattern = compiled('^(a+)+$');
    for (const length of [50, 500, 5_000]) {
      const name = `${'a'.repeat(length)}!`;
      const run = pattern.steps(name);
      assert.equal(run.matched, false);
      // Each position visits each state at most twice: once reached, once stepped over the character.
      assert.ok(run.steps <= 2 * pattern.stateCount * (name.length + 1), `${run.steps} steps for ${name.length} characters`);
    }
    assert.equal(pattern.test('a'.repeat(5_000)), true);
  });

  it('bounds every hostile pattern the same way', () => {
    for (const source of ['(a|a)*$', '(a*)*$', '^(a|aa)+$', '(.*a){12}$', '^(\\w+\\s?)*$']) {
      const pattern = compiled(source);
      const name = `${'a'.repeat(2_000)}!`;
      const run = pattern.steps(name);
      assert.equal(run.matched, new RegExp(source).test('aaaaaaaa!'), `${source}: the same answer as a RegExp on a short name`);
      assert.ok(run.steps <= 2 * pattern.stateCount * (name.length + 1), `${source}: ${run.steps} steps`);
    }
  });

  it('refuses what needs backtracking, saying why, and what is no regular expression', () => {
    const refusals: Array<[string, RegExp]> = [
      ['(a)\\1', /does not support it: \\1 is not supported/],
      ['a(?=b)', /lookarounds/],
      ['a(?<!b)', /lookarounds/],
      ['\\bword', /\\b is not supported/],
      ['(unclosed', /not a valid regular expression/],
      ['x'.repeat(MAX_NAME_PATTERN_LENGTH + 1), /longer than 256 characters/],
      ['(a{100}){100}', /repeats too much/],
    ];
    for (const [source, reason] of refusals) {
      const pattern = compileNamePattern(source);
      assert.ok(!pattern.ok, source);
      assert.match(pattern.error, reason);
    }
  });
});
