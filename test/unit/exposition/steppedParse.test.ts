import * as assert from 'node:assert/strict';
import { parseExposition, parseExpositionInSteps } from '../../../src/core/exposition/parser';
import { allCorpora } from './allCorpora';
import { lintTargetOf } from './targetVerdicts';

// A document parsed a slice of lines at a time must come out exactly as when parsed whole, on every
// corpus and target.

const TARGETS = ['1.5', '1.11', '1.11-utf8'].map((name) => ({ name, target: lintTargetOf(name) }));
const SLICES = [1, 7, 1000];

describe('parseExpositionInSteps', () => {
  const documents = allCorpora(400);

  for (const { name, target } of TARGETS) {
    it(`gives parseExposition's result in slices of ${SLICES.join(', ')} lines (${documents.length} documents, target ${name})`, () => {
      for (const document of documents) {
        const whole = parseExposition(document.text, { target });
        for (const slice of SLICES) {
          const stepped = parseExpositionInSteps(document.text, { target });
          let steps = 0;
          while (stepped.step(slice)) {
            steps++;
          }
          assert.deepEqual(stepped.result(), whole, `${document.name}, slices of ${slice}`);
          assert.ok(steps >= Math.floor(whole.lineCount / slice) - 1, `${document.name}: ${steps} steps for ${whole.lineCount} lines in slices of ${slice}`);
        }
      }
    });
  }

  it('takes no more than the lines asked for in each step', () => {
    const text = 'a 1\nb 2\nc 3\n';
    const stepped = parseExpositionInSteps(text);
    assert.equal(stepped.step(2), true);
    assert.throws(() => stepped.result(), /before the last step/);
    assert.equal(stepped.step(1), true);
    assert.equal(stepped.step(1), false);
    assert.deepEqual(stepped.result(), parseExposition(text));
  });
});
