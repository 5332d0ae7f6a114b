import * as assert from 'node:assert/strict';
import { contiguousBlocks, familyLineSpan, sampleOutlineName } from '../../../src/core/exposition/outlineBlocks';
import { parseExposition } from '../../../src/core/exposition/parser';

function familiesOf(text: string) {
  return parseExposition(text).families;
}

describe('outline blocks', () => {
  it('names a sample with its labels, values quoted and escaped as JSON strings', () => {
    const [family] = familiesOf('jobs{queue="a\\"b",host=""} 1\njobs 2\n');
    assert.deepEqual(family.samples.map(sampleOutlineName), ['jobs{queue="a\\"b",host=""}', 'jobs']);
  });

  it('spans a family from its first line to its last, even when another family sits between', () => {
    const families = familiesOf('# TYPE a gauge\na 1\nb 1\na{x="1"} 2\n');
    assert.deepEqual(
      families.map((family) => [family.name, familyLineSpan(family)]),
      [
        ['a', { first: 0, last: 3 }],
        ['b', { first: 2, last: 2 }],
      ],
    );
  });

  it('spans a family of 200 000 samples (too many arguments for a spread)', () => {
    const [family] = familiesOf(`# TYPE big gauge\n${Array.from({ length: 200_000 }, (_, i) => `big{i="${i}"} 1\n`).join('')}`);
    assert.deepEqual(familyLineSpan(family), { first: 0, last: 200_000 });
  });

  it('cuts lines into runs of adjacent lines, whatever their order and repeats', () => {
    assert.deepEqual(contiguousBlocks([]), []);
    assert.deepEqual(contiguousBlocks([3, 0, 1, 1, 5, 4, 9]), [
      { first: 0, last: 1 },
      { first: 3, last: 5 },
      { first: 9, last: 9 },
    ]);
  });
});
