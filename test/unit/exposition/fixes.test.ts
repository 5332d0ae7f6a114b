import * as assert from 'node:assert/strict';
import { quickFixesFor } from '../../../src/core/exposition/fixes';
import { lintExposition } from '../../../src/core/exposition/lint';
import { applyChanges } from '../../support/applyChanges';

function fixed(text: string, code: string, title?: RegExp): string {
  const { document, diagnostics } = lintExposition(text);
  const diagnostic = diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} diagnostic`);
  const fixes = quickFixesFor(diagnostic, document, text);
  const fix = title ? fixes.find((f) => title.test(f.title)) : fixes[0];
  assert.ok(fix, `no fix for ${code}`);
  return applyChanges(text, fix.changes);
}

describe('quick fixes', () => {
  it('removes a timestamp', () => {
    assert.equal(fixed('# HELP a A.\n# TYPE a gauge\na{x="1"} 5 1700000000000\n', 'timestamp'), '# HELP a A.\n# TYPE a gauge\na{x="1"} 5\n');
  });

  it('adds the final new-line', () => {
    assert.equal(fixed('# HELP a A.\n# TYPE a gauge\na 5', 'missing-final-newline'), '# HELP a A.\n# TYPE a gauge\na 5\n');
  });

  it('renames a counter and all its samples to _total', () => {
    const text = '# HELP jobs Jobs.\n# TYPE jobs counter\njobs{q="a"} 1\nother 1\njobs{q="b"} 2\n';
    assert.equal(fixed(text, 'counter-total-suffix'), '# HELP jobs_total Jobs.\n# TYPE jobs_total counter\njobs_total{q="a"} 1\nother 1\njobs_total{q="b"} 2\n');
  });

  it('adds HELP and TYPE lines before a family that has neither', () => {
    assert.equal(fixed('size_bytes 1\n', 'missing-type'), '# HELP size_bytes TODO: what this measures.\n# TYPE size_bytes gauge\nsize_bytes 1\n');
    assert.equal(fixed('done_total 1\n', 'no-help'), '# HELP done_total TODO: what this measures.\n# TYPE done_total counter\ndone_total 1\n');
  });

  it('adds HELP and TYPE lines before a family of 200 000 samples', () => {
    const samples = Array.from({ length: 200_000 }, (_, i) => `size_bytes{i="${i}"} 1\n`).join('');
    assert.equal(fixed(samples, 'missing-type'), `# HELP size_bytes TODO: what this measures.\n# TYPE size_bytes gauge\n${samples}`);
  });

  it('adds a TYPE line after an existing HELP line', () => {
    assert.equal(fixed('# HELP size_bytes Size.\nsize_bytes 1\n', 'missing-type'), '# HELP size_bytes Size.\n# TYPE size_bytes gauge\nsize_bytes 1\n');
  });

  it('converts CRLF by asking the editor for LF line endings', () => {
    const { document, diagnostics } = lintExposition('a 1\r\n');
    const crlf = diagnostics.find((d) => d.code === 'crlf-line-endings');
    assert.ok(crlf);
    assert.deepEqual(
      quickFixesFor(crlf, document, 'a 1\r\n').map((f) => f.lineEndings),
      ['LF'],
    );
  });

  it('corrects a misspelt TYPE value to the one type it is near, and leaves a guess alone', () => {
    assert.equal(fixed('# TYPE a_total countr\na_total 1\n', 'unknown-type'), '# TYPE a_total counter\na_total 1\n');
    assert.equal(fixed('# TYPE a unknown\na 1\n', 'unknown-type'), '# TYPE a untyped\na 1\n');
    // One typo from summary only.
    assert.equal(fixed('# TYPE a sumary\na 1\n', 'unknown-type'), '# TYPE a summary\na 1\n');
    const { diagnostics } = lintExposition('# TYPE a_total countr\na_total 1\n');
    assert.deepEqual(
      diagnostics.map((d) => d.code).filter((code) => code === 'missing-type'),
      [],
      'a refused TYPE line is not "no TYPE line"',
    );
    for (const far of ['# TYPE a info\na 1\n', '# TYPE a stateset\na 1\n']) {
      const { document, diagnostics } = lintExposition(far);
      const unknown = diagnostics.find((d) => d.code === 'unknown-type');
      assert.ok(unknown);
      assert.deepEqual(quickFixesFor(unknown, document, far), [], far);
    }
  });

  it('offers nothing where the fix is not certain', () => {
    const text = '# HELP a A.\n# TYPE a gauge\na notanumber\n';
    const { document, diagnostics } = lintExposition(text);
    const invalid = diagnostics.find((d) => d.code === 'invalid-value');
    assert.ok(invalid);
    assert.deepEqual(quickFixesFor(invalid, document, text), []);
  });
});
