import * as assert from 'node:assert/strict';
import { LabelPair } from '../../../../src/core/exposition/model';
import { SanitizedHasher } from '../../../../src/core/exposition/rules/seriesHash';
import { seededRandom } from '../../../support/seededRandom';

// The duplicate-series hasher keeps the hash of each pair that is the same as the previous metric's
// at the same place: whatever came before, a metric's hash must be the one a fresh hasher gives it.

const NAMES = ['a', 'b', 'instance', 'job', 'le'];
const VALUES = ['', '1', '2', 'x'];

function label(name: string, value: string): LabelPair {
  return { name: { text: name, span: { line: 0, start: 0, end: name.length } }, value, valueSpan: { line: 0, start: 0, end: value.length + 2 } };
}

function randomLabels(random: () => number, previous: readonly LabelPair[]): LabelPair[] {
  // Long lists now and then, past the hasher's first 16 places.
  const count = random() < 0.05 ? 17 + Math.floor(random() * 8) : Math.floor(random() * 4);
  return Array.from({ length: count }, (_, i) => {
    // Mostly the previous metric's pair at this place, as the parser gives it; else a new one.
    const before = previous[i];
    if (before !== undefined && random() < 0.6) {
      return random() < 0.5 ? before : label(before.name.text, before.value);
    }
    return label(i < 3 ? NAMES[Math.floor(random() * NAMES.length)] : `l${i}`, VALUES[Math.floor(random() * VALUES.length)]);
  });
}

describe('series hashes of duplicate-series', () => {
  for (const urlLabels of [new Set(['job']), new Set(['job', 'instance']), new Set(['b'])]) {
    it(`give each metric the hash a fresh hasher gives it, after any metrics (URL labels ${[...urlLabels].join(', ')})`, () => {
      const random = seededRandom(0x5e7);
      const hasher = new SanitizedHasher(urlLabels);
      let previous: LabelPair[] = [];
      for (let i = 0; i < 5000; i++) {
        const labels = randomLabels(random, previous);
        assert.equal(hasher.hash(labels), new SanitizedHasher(urlLabels).hash(labels), JSON.stringify(labels.map((pair) => [pair.name.text, pair.value])));
        previous = labels;
      }
    });
  }

  it("gives the same hashes when told that no label is one of the URL's, as for a family without them", () => {
    const random = seededRandom(0x5e8);
    const urlLabels = new Set(['job']);
    const hasher = new SanitizedHasher(urlLabels, true);
    let previous: LabelPair[] = [];
    for (let i = 0; i < 2000; i++) {
      const labels = randomLabels(random, previous).filter((pair) => !urlLabels.has(pair.name.text));
      assert.equal(hasher.hash(labels), new SanitizedHasher(urlLabels).hash(labels));
      previous = labels;
    }
  });

  it('hashes the same pairs in another order alike, and tells other values apart', () => {
    const hasher = new SanitizedHasher(new Set(['job']));
    const ab = hasher.hash([label('a', '1'), label('b', '2')]);
    assert.equal(hasher.hash([label('b', '2'), label('a', '1')]), ab);
    assert.equal(hasher.hash([label('a', '1'), label('b', '2'), label('job', 'x')]), ab);
    assert.notEqual(hasher.hash([label('a', '1'), label('b', '3')]), ab);
    assert.equal(hasher.hash([label('a', '1'), label('b', '2'), label('instance', '')]), ab);
  });
});
