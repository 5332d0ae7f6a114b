import * as assert from 'node:assert/strict';
import { lintExposition } from '../../../src/core/exposition/lint';

const CLEAN = '# HELP a A.\n# TYPE a gauge\na 1\n';

describe('byte order mark', () => {
  const codes = (text: string, fileHasByteOrderMark?: boolean) => lintExposition(text, { fileHasByteOrderMark }).diagnostics.map((d) => `${d.span.line}:${d.span.start} ${d.severity} ${d.code}`);

  it('is an error whether it is in the text (pgw lint) or only in the file (the editor hides it)', () => {
    assert.deepEqual(codes(`\uFEFF${CLEAN}`), ['0:0 error byte-order-mark']);
    assert.deepEqual(codes(CLEAN, true), ['0:0 error byte-order-mark']);
    assert.deepEqual(codes(CLEAN, false), []);
  });
});
