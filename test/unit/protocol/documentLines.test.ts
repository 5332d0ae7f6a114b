import * as assert from 'node:assert/strict';
import { documentLineLabel, lineOfGatewayError, withDocumentLine } from '../../../src/core/protocol/documentLines';

describe('line numbers of a pushed body, counted in its document', () => {
  it('renumbers the line a gateway 400 names, keeping the body line in brackets', () => {
    assert.equal(
      withDocumentLine('the gateway answered 400: text format parsing error in line 3: expected float as value, got "x"', 7),
      'the gateway answered 400: text format parsing error in line 10 (line 3 of the pushed body): expected float as value, got "x"',
    );
  });

  it('leaves the text of a whole buffer, and a text without a line, as it is', () => {
    assert.equal(withDocumentLine('text format parsing error in line 3: invalid metric name', 0), 'text format parsing error in line 3: invalid metric name');
    assert.equal(withDocumentLine('pushed metrics are invalid or inconsistent with existing metrics', 7), 'pushed metrics are invalid or inconsistent with existing metrics');
  });

  it('finds the line a gateway 400 names', () => {
    assert.equal(lineOfGatewayError('text format parsing error in line 3: invalid metric name\n'), 2);
    assert.equal(lineOfGatewayError('pushed metrics are invalid or inconsistent with existing metrics: ...'), undefined);
  });

  it('names a lint line by the document line', () => {
    assert.equal(documentLineLabel(2, 0), 'line 3');
    assert.equal(documentLineLabel(2, 7), 'line 10');
  });
});
