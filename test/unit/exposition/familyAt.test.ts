import * as assert from 'node:assert/strict';
import { familyAt } from '../../../src/core/exposition/familyAt';
import { parseExposition } from '../../../src/core/exposition/parser';

const DOCUMENT = ['# HELP req_seconds How long a request takes.', '# TYPE req_seconds histogram', 'req_seconds_bucket{le="+Inf"} 3', 'req_seconds_count 3', 'other 1', ''].join('\n');

/** The family and name token at a position of DOCUMENT, as `family:token`. */
function at(line: number, column: number): string | undefined {
  const found = familyAt(parseExposition(DOCUMENT).families, line, column);
  return found && `${found.family.name}:${found.token.text}`;
}

describe('familyAt', () => {
  it('finds the family of a name in a HELP line, a TYPE line and a sample line', () => {
    assert.equal(at(0, 7), 'req_seconds:req_seconds');
    assert.equal(at(1, 7), 'req_seconds:req_seconds');
    assert.equal(at(4, 0), 'other:other');
  });

  it("gives a histogram's own series to the histogram, with the name as written", () => {
    assert.equal(at(2, 3), 'req_seconds:req_seconds_bucket');
    assert.equal(at(3, 17), 'req_seconds:req_seconds_count');
  });

  it('counts the position just after a name, and nothing past it', () => {
    assert.equal(at(4, 5), 'other:other');
    assert.equal(at(4, 6), undefined);
    assert.equal(at(0, 2), undefined);
    assert.equal(at(2, 20), undefined);
  });
});
