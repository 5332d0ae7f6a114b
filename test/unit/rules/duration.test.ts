import * as assert from 'node:assert/strict';
import { formatDuration, parseDuration } from '../../../src/core/rules/duration';

describe('rules: durations', () => {
  it('parses whole units, largest first, into seconds', () => {
    assert.deepEqual(parseDuration('25h'), { ok: true, value: 90_000 });
    assert.deepEqual(parseDuration('1h30m'), { ok: true, value: 5_400 });
    assert.deepEqual(parseDuration('7d'), { ok: true, value: 604_800 });
    assert.deepEqual(parseDuration('1w2d'), { ok: true, value: 777_600 });
    assert.deepEqual(parseDuration('90s'), { ok: true, value: 90 });
  });

  it('refuses what is not such a duration, and zero', () => {
    for (const text of ['', '25', 'h', '30m1h', '1.5h', '25 h', '-1h', '1y']) {
      const parsed = parseDuration(text);
      assert.equal(parsed.ok, false, text);
      assert.match(parsed.ok ? '' : parsed.error, /is not a duration like 25h/);
    }
    assert.deepEqual(parseDuration('0h'), { ok: false, error: '"0h" must be a duration above zero' });
  });

  it('formats seconds as the shortest exact duration, and round-trips', () => {
    assert.equal(formatDuration(90_000), '1d1h');
    assert.equal(formatDuration(90_900), '1d1h15m');
    assert.equal(formatDuration(61), '1m1s');
    assert.equal(formatDuration(0), '0s');
    for (const seconds of [1, 59, 60, 3_601, 86_399, 90_000, 2_592_000]) {
      assert.deepEqual(parseDuration(formatDuration(seconds)), { ok: true, value: seconds });
    }
  });
});
