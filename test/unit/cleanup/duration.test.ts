import * as assert from 'node:assert/strict';
import { parseDuration } from '../../../src/core/cleanup/duration';

describe('cleanup duration', () => {
  it('reads Prometheus durations in seconds', () => {
    assert.deepEqual(parseDuration('7d'), { ok: true, value: 7 * 86_400 });
    assert.deepEqual(parseDuration('25h'), { ok: true, value: 25 * 3_600 });
    assert.deepEqual(parseDuration('90m'), { ok: true, value: 90 * 60 });
    assert.deepEqual(parseDuration('1h30m'), { ok: true, value: 5_400 });
    assert.deepEqual(parseDuration('2w'), { ok: true, value: 14 * 86_400 });
    assert.deepEqual(parseDuration('45s'), { ok: true, value: 45 });
    assert.deepEqual(parseDuration('1y'), { ok: true, value: 365 * 86_400 });
  });

  it('refuses what Prometheus refuses, with an example of what it takes', () => {
    for (const text of ['', '7', 'd', '7 d', '-7d', '1.5h', '30m1h', '7D', '7days', '1h1h']) {
      const parsed = parseDuration(text);
      assert.equal(parsed.ok, false, text);
      assert.match(parsed.ok ? '' : parsed.error, /is not a duration: .*7d, 25h, 90m/, text);
    }
  });

  it('refuses a zero duration', () => {
    const parsed = parseDuration('0d');
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.error, /no time at all/);
  });
});
