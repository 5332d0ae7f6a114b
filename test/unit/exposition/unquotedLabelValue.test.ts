import * as assert from 'node:assert/strict';
import { quickFixesFor } from '../../../src/core/exposition/fixes';
import { lintExposition } from '../../../src/core/exposition/lint';
import { lintShellScript, shellQuickFixesFor } from '../../../src/core/shell/lintShellScript';
import { applyChanges } from '../../support/applyChanges';

/** The expected-quote finding: its underlined text, and the text after its quick fix (undefined without one). */
function quoteFinding(text: string): { underlined: string; fixed?: string; title?: string } {
  const { document, diagnostics } = lintExposition(text);
  const diagnostic = diagnostics.find((d) => d.code === 'expected-quote');
  assert.ok(diagnostic, `no expected-quote finding in ${JSON.stringify(text)}`);
  const underlined = text.split('\n')[diagnostic.span.line].slice(diagnostic.span.start, diagnostic.span.end);
  const [fix, ...more] = quickFixesFor(diagnostic, document, text);
  assert.equal(more.length, 0);
  return { underlined, fixed: fix ? applyChanges(text, fix.changes) : undefined, title: fix?.title };
}

describe('a label value without double quotes', () => {
  it('is underlined whole and quoted by its quick fix', () => {
    assert.deepEqual(quoteFinding('# TYPE export_rows gauge\nexport_rows{format=csv} 3\n'), {
      underlined: 'csv',
      fixed: '# TYPE export_rows gauge\nexport_rows{format="csv"} 3\n',
      title: 'Quote the label value: "csv"',
    });
  });

  it('ends at the next label, and the blanks before it are left alone', () => {
    assert.deepEqual(quoteFinding('a{path=/var/log ,b="x"} 1\n'), { underlined: '/var/log', fixed: 'a{path="/var/log" ,b="x"} 1\n', title: 'Quote the label value: "/var/log"' });
  });

  it('turns single quotes into double quotes, a comma inside them included', () => {
    assert.deepEqual(quoteFinding("a{list='x,y'} 1\n"), { underlined: "'x,y'", fixed: 'a{list="x,y"} 1\n', title: 'Quote the label value: "x,y"' });
  });

  it('reaches the end of a line the labels do not close', () => {
    assert.equal(quoteFinding('a{format=csv\n').underlined, 'csv');
  });

  it('offers no fix where quoting would change the value, or where there is no value', () => {
    assert.deepEqual(quoteFinding('a{x=say"hi"} 1\n'), { underlined: 'say"hi"', fixed: undefined, title: undefined });
    assert.deepEqual(quoteFinding('a{x=C:\\dir} 1\n'), { underlined: 'C:\\dir', fixed: undefined, title: undefined });
    assert.deepEqual(quoteFinding('a{x=} 1\n'), { underlined: '}', fixed: undefined, title: undefined });
  });

  it("is quoted inside a shell heredoc, on the script's own line", () => {
    const script = 'cat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/export"\n# TYPE export_rows gauge\nexport_rows{format=csv} $rows\nEOF\n';
    const lint = lintShellScript(script);
    const diagnostic = lint.diagnostics.find((d) => d.code === 'expected-quote');
    assert.ok(diagnostic);
    assert.deepEqual(diagnostic.span, { line: 2, start: 19, end: 22 });
    const [fix] = shellQuickFixesFor(lint, diagnostic);
    assert.ok(fix);
    assert.equal(applyChanges(script, fix.changes), script.replace('format=csv', 'format="csv"'));
  });
});
