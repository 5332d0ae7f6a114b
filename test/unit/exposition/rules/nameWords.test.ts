import * as assert from 'node:assert/strict';
import { lintExposition } from '../../../../src/core/exposition/lint';
import { unitWords } from '../../../../src/core/exposition/rules/promlintRules';
import { seededRandom } from '../../../support/seededRandom';

// abbreviated-unit and non-base-unit read a name's `_` segments in one pass; what they find must be
// what promlint's string searches find: `_unit_` anywhere or `_unit` at the end, and the first unit
// word of the name.

const SEGMENTS = ['', 's', 'S', 'ms', 'Ms', 'sec', 'secs', 'b', 'kb', 'KB', 'h', 'd', 'm', 'x', 'seconds', 'milliseconds', 'kilobytes', 'bytes', 'hours', 'bits', 'msec', 'total', 'gauge', 'counter'];
const ABBREVIATIONS = ['s', 'ms', 'us', 'ns', 'sec', 'b', 'kb', 'mb', 'gb', 'tb', 'pb', 'm', 'h', 'd'];

function randomName(random: () => number): string {
  const count = 1 + Math.floor(random() * 5);
  const segments = Array.from({ length: count }, () => SEGMENTS[Math.floor(random() * SEGMENTS.length)]);
  return segments.join('_') || 'a';
}

function findings(name: string, code: string): string[] {
  return lintExposition(`# TYPE ${name} gauge\n${name} 1\n`)
    .diagnostics.filter((diagnostic) => diagnostic.code === code)
    .map((diagnostic) => diagnostic.message);
}

describe('name words of the promlint rules', () => {
  it('abbreviated-unit finds each abbreviation written as _unit_ or ending the name, in promlint order', () => {
    const random = seededRandom(0xab_b0);
    for (let i = 0; i < 400; i++) {
      const name = randomName(random);
      const lower = name.toLowerCase();
      const expected = ABBREVIATIONS.filter((unit) => lower.includes(`_${unit}_`) || lower.endsWith(`_${unit}`));
      const units = findings(name, 'abbreviated-unit').map((message) => /"_(\w+)"/.exec(message)?.[1]);
      assert.deepEqual(units, expected, name);
    }
  });

  it('non-base-unit names the first unit word of the name that is not a base unit', () => {
    assert.deepEqual(findings('a_hours_milliseconds', 'non-base-unit').length, 1);
    assert.match(findings('a_hours_milliseconds', 'non-base-unit')[0], /"seconds" instead of "hours"/);
    assert.deepEqual(findings('a_seconds_milliseconds', 'non-base-unit'), []);
    assert.match(findings('x_kilobytes_total', 'non-base-unit')[0], /"bytes" instead of "kilobytes"/);
    assert.deepEqual(findings('a_bit_ms', 'non-base-unit'), []);
  });

  it('non-base-unit reads the same first unit word as cutting the name at each _ (unitWords)', () => {
    const unitSegments = [
      'kelvin',
      'kelvins',
      'Kelvins',
      'kilokelvins',
      'megabits',
      'mibibytes',
      'decameters',
      'decimetres',
      'picoseconds',
      'minutes',
      'miles',
      'milliminutes',
      'secondsx',
      'xbytes',
      'gibigrams',
      'ounces',
      'bytes',
    ];
    const random = seededRandom(0xba5e);
    for (let i = 0; i < 400; i++) {
      const count = 1 + Math.floor(random() * 5);
      const segments = Array.from({ length: count }, () => {
        const words = random() < 0.5 ? unitSegments : SEGMENTS;
        return words[Math.floor(random() * words.length)];
      });
      const name = segments.join('_').replace(/^_+/, '') || 'a';
      const first = unitWords(name)[0];
      const expected = first === undefined || first.word === first.base ? [] : [`"${first.base}" instead of "${first.word}"`];
      const found = findings(name, 'non-base-unit').map((message) => /"\w+" instead of "\w+"/.exec(message)?.[0]);
      assert.deepEqual(found, expected, name);
    }
  });
});
