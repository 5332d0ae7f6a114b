import * as assert from 'node:assert/strict';
import { ParseProblem } from '../../../src/core/exposition/model';
import { parseExposition, parseExpositionByFamily, parseExpositionInSteps } from '../../../src/core/exposition/parser';
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

describe('parseExpositionByFamily', () => {
  /** The problems of a document fed a line at a time, the families handed over dropped. */
  function problemsByFamily(text: string, target: ReturnType<typeof lintTargetOf>): ParseProblem[] {
    const parse = parseExpositionByFamily({ target }, () => undefined);
    const lines = text.split(/(?<=\n)/);
    const last = lines.at(-1)?.endsWith('\n') ? '' : (lines.pop() ?? '');
    const problems: ParseProblem[] = [];
    for (const line of lines) {
      parse.write(line);
      problems.push(...parse.takeProblems());
    }
    parse.end(last);
    return [...problems, ...parse.takeProblems()];
  }

  it("finds parseExposition's problems, also a second HELP or TYPE line of a family already handed over", () => {
    const documents = [
      ...allCorpora(400).map((document) => document.text),
      'x 1\n# HELP a first\n# TYPE a gauge\na 1\nb 1\n# HELP a second\n# TYPE a counter\n',
      '# TYPE s summary\ns_sum 1\nb 1\ns_count 2\n# TYPE s summary\n',
    ];
    for (const { target } of TARGETS) {
      for (const text of documents) {
        assert.deepEqual(problemsByFamily(text, target), parseExposition(text, { target }).problems, text.slice(0, 200));
      }
    }
  });

  it('hands over a family that comes back once per stretch of its lines, each time with only that stretch', () => {
    const handed: string[] = [];
    const parse = parseExpositionByFamily({}, (family) => {
      handed.push(`${family.name}: ${family.samples.map((sample) => sample.line).join(',')} / ${family.lines.join(',')}`);
    });
    parse.write('a 1\n# HELP b first\nb 1\na{x="y"} 2\nc 1\nb{x="z"} 3\nb{x="w"} 4\n');
    parse.end('c{x="v"} 5\n');
    assert.deepEqual(handed, ['a: 0 / 0', 'b: 2 / 1,2', 'a: 3 / 3', 'c: 4 / 4', 'b: 5,6 / 5,6', 'c: 7 / 7']);
    assert.equal(parse.summary().familyReturned, true);
  });
});
