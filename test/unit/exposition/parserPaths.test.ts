import * as assert from 'node:assert/strict';
import { lintExposition } from '../../../src/core/exposition/lint';
import { parseExposition } from '../../../src/core/exposition/parser';

/** Findings as `line:column code`, 0-based. */
function findings(text: string, groupingLabels: string[] = []): string[] {
  return lintExposition(text, { groupingLabels }).diagnostics.map((d) => `${d.span.line}:${d.span.start} ${d.code}`);
}

const labels = (count: number, extra = '') => Array.from({ length: count }, (_, i) => `l${String(i).padStart(2, '0')}="v"`).join(',') + extra;

// The parser's fast paths (a set of label names from 16 labels on, the previous line's strings
// reused, the duplicate-series index): each case has a plain answer the gateway would give too.
describe('parser and rule fast paths', () => {
  it('finds a duplicate label name past the 16th label, and accepts 40 distinct ones', () => {
    assert.deepEqual(findings(`# HELP a A.\n# TYPE a gauge\na{${labels(20, ',l17="again"')}} 1\n`), ['2:162 duplicate-label-name']);
    assert.deepEqual(findings(`# HELP a A.\n# TYPE a gauge\na{${labels(40)}} 1\n`), []);
  });

  it('does not reuse the previous value where it is only a prefix of the new one', () => {
    const document = parseExposition('a{x="x"} 1\na{x="xy"} 2\na{x="x\\"y"} 3\na{x="x"} 4\n');
    assert.deepEqual(
      document.samples.map((sample) => sample.labels[0].value),
      ['x', 'xy', 'x"y', 'x'],
    );
    assert.deepEqual(
      document.samples.map((sample) => [sample.labels[0].valueSpan.start, sample.labels[0].valueSpan.end]),
      [
        [4, 7],
        [4, 8],
        [4, 10],
        [4, 7],
      ],
    );
  });

  it('finds duplicate series with many labels in another order, and counts instance="" as no instance', () => {
    const many = labels(18);
    const reversed = many.split(',').reverse().join(',');
    assert.deepEqual(findings(`# HELP a A.\n# TYPE a gauge\na{${many}} 1\na{${reversed}} 2\n`), ['3:0 duplicate-series']);
    assert.deepEqual(findings('# HELP a A.\n# TYPE a gauge\na{instance=""} 1\na 2\n'), ['3:0 duplicate-series']);
    // promtool 3 (the default 1.11 target) also reports the first of two equal series.
    assert.deepEqual(findings('# HELP a A.\n# TYPE a gauge\na{x="1"} 1\na{x="2"} 2\na{x="1"} 3\n'), ['2:0 metric-not-unique', '4:0 duplicate-series']);
  });

  it('judges histogram buckets given out of order, and decreasing counts', () => {
    const outOfOrder = '# HELP h H.\n# TYPE h histogram\nh_bucket{le="+Inf"} 5\nh_bucket{le="1"} 2\nh_bucket{le="0.5"} 1\nh_sum 3\nh_count 5\n';
    assert.deepEqual(findings(outOfOrder), []);
    const decreasing = '# HELP h H.\n# TYPE h histogram\nh_bucket{le="0.5"} 3\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 5\nh_sum 3\nh_count 5\n';
    assert.deepEqual(
      findings(decreasing).map((finding) => finding.split(' ')[1]),
      ['histogram-not-cumulative'],
    );
  });

  it('serialises samples with their names and values (they are their own tokens)', () => {
    const [sample] = parseExposition('a{x="1"} 2 3\n').samples;
    assert.deepEqual(JSON.parse(JSON.stringify(sample)), {
      name: { text: 'a', span: { line: 0, start: 0, end: 1 } },
      familyName: 'a',
      labels: [{ name: { text: 'x', span: { line: 0, start: 2, end: 3 } }, value: '1', valueSpan: { line: 0, start: 4, end: 7 } }],
      value: { text: '2', span: { line: 0, start: 9, end: 10 } },
      numericValue: 2,
      timestamp: { text: '3', span: { line: 0, start: 11, end: 12 } },
      line: 0,
    });
  });
});
