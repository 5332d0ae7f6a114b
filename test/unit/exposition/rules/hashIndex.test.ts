import * as assert from 'node:assert/strict';
import { lintExposition } from '../../../../src/core/exposition/lint';
import { HashIndex } from '../../../../src/core/exposition/rules/hashIndex';

describe('hash index of the repeated-series rules', () => {
  it('finds only a matching item of the same hash, the latest added first', () => {
    const index = new HashIndex<{ key: string; at: number }>((a, b) => a.key === b.key);
    index.add(1, { key: 'a', at: 0 });
    index.add(1, { key: 'b', at: 1 });
    index.add(1, { key: 'a', at: 2 });
    index.add(2, { key: 'c', at: 3 });
    assert.equal(index.find(1, { key: 'a', at: -1 })?.at, 2);
    assert.equal(index.find(1, { key: 'b', at: -1 })?.at, 1);
    assert.equal(index.find(1, { key: 'c', at: -1 }), undefined);
    assert.equal(index.find(2, { key: 'a', at: -1 }), undefined);
  });

  it('names the nearest later line for metric-not-unique and the first line for duplicate-series', () => {
    const text = '# HELP a A.\n# TYPE a gauge\na{x="1"} 1\na{x="1"} 2\na{x="1"} 3\n';
    const messages = lintExposition(text).diagnostics.map((d) => `${d.span.line} ${d.code} ${/line (\d+)/.exec(d.message)?.[1]}`);
    assert.deepEqual(messages, ['2 metric-not-unique 4', '3 duplicate-series 3', '3 metric-not-unique 5', '4 duplicate-series 3']);
  });

  it('finds metric-not-unique with duplicate-series off, and not for series that only the push URL makes equal', () => {
    const codes = (text: string, options: Parameters<typeof lintExposition>[1]) =>
      lintExposition(text, options)
        .diagnostics.filter((d) => d.code === 'metric-not-unique' || d.code === 'duplicate-series')
        .map((d) => `${d.span.line} ${d.code}`);
    const repeated = '# HELP a A.\n# TYPE a gauge\na{x="1"} 1\na{x="1"} 2\n';
    assert.deepEqual(codes(repeated, { severities: { 'duplicate-series': 'off' } }), ['2 metric-not-unique']);
    const urlOnly = '# HELP a A.\n# TYPE a gauge\na{job="x"} 1\na{job="y"} 2\n';
    assert.deepEqual(codes(urlOnly, {}), ['3 duplicate-series']);
    assert.deepEqual(codes(urlOnly, { severities: { 'duplicate-series': 'off' } }), []);
  });
});
