import * as assert from 'node:assert/strict';
import { selectedLines } from '../../../src/core/exposition/selectedLines';

describe('the lines a selection pushes', () => {
  it('takes every line the selection touches, whole', () => {
    assert.deepEqual(selectedLines({ line: 2, character: 5 }, { line: 4, character: 3 }), { first: 2, last: 4 });
    assert.deepEqual(selectedLines({ line: 2, character: 1 }, { line: 2, character: 4 }), { first: 2, last: 2 });
  });

  it('leaves out the line a whole-line selection ends at the start of', () => {
    assert.deepEqual(selectedLines({ line: 2, character: 0 }, { line: 5, character: 0 }), { first: 2, last: 4 });
  });

  it('keeps the line of an empty-looking selection that starts and ends at column 0 of the same line', () => {
    assert.deepEqual(selectedLines({ line: 3, character: 0 }, { line: 3, character: 0 }), { first: 3, last: 3 });
  });
});
