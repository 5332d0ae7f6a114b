import * as assert from 'node:assert/strict';
import { formatDuration, parseDuration } from '../../src/core/duration';

describe('Prometheus durations', () => {
  it('reads them in seconds, units largest first', () => {
    assert.deepEqual(parseDuration('7d'), { ok: true, value: 7 * 86_400 });
    assert.deepEqual(parseDuration('25h'), { ok: true, value: 25 * 3_600 });
    assert.deepEqual(parseDuration('90m'), { ok: true, value: 90 * 60 });
    assert.deepEqual(parseDuration('1h30m'), { ok: true, value: 5_400 });
    assert.deepEqual(parseDuration('1w2d'), { ok: true, value: 777_600 });
    assert.deepEqual(parseDuration('2w'), { ok: true, value: 14 * 86_400 });
    assert.deepEqual(parseDuration('45s'), { ok: true, value: 45 });
    assert.deepEqual(parseDuration('1y'), { ok: true, value: 365 * 86_400 });
  });

  it('refuses what Prometheus refuses, with an example of what it takes', () => {
    for (const text of ['', '7', 'd', '7 d', '25 h', '-7d', '1.5h', '30m1h', '7D', '7days', '1h1h']) {
      const parsed = parseDuration(text);
      assert.equal(parsed.ok, false, text);
      assert.match(parsed.ok ? '' : parsed.error, /is not a duration: .*7d, 25h, 90m/, text);
    }
  });

  it('refuses a zero duration', () => {
    for (const text of ['0d', '0h']) {
      const parsed = parseDuration(text);
      assert.equal(parsed.ok, false, text);
      assert.match(parsed.ok ? '' : parsed.error, /no time at all/, text);
    }
  });

  it('writes seconds as the shortest exact duration, which reads back the same', () => {
    assert.equal(formatDuration(90_000), '1d1h');
    assert.equal(formatDuration(90_900), '1d1h15m');
    assert.equal(formatDuration(61), '1m1s');
    assert.equal(formatDuration(0), '0s');
    for (const seconds of [1, 59, 60, 3_601, 86_399, 90_000, 2_592_000]) {
      assert.deepEqual(parseDuration(formatDuration(seconds)), { ok: true, value: seconds });
    }
  });
});
