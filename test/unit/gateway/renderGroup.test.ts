import * as assert from 'node:assert/strict';
import { lintExposition } from '../../../src/core/exposition/lint';
import { renderGroup } from '../../../src/core/gateway/renderGroup';

describe('rendering a group as an exposition document', () => {
  const rendered = renderGroup({
    labels: { job: 'j' },
    lastPushSuccessful: true,
    families: [
      { name: 'c_total', type: 'COUNTER', help: 'Line\none \\ two', metrics: [{ labels: { job: 'j', path: 'a"b' }, value: '1' }] },
      { name: 'h', type: 'HISTOGRAM', help: 'H.', metrics: [{ labels: { job: 'j' }, buckets: { '10': '2', '+Inf': '3', '1': '1' }, sum: '4', count: '3' }] },
      { name: 's', type: 'SUMMARY', help: 'S.', metrics: [{ labels: { job: 'j' }, quantiles: { '0.9': '8', '0.5': '5' }, sum: '6', count: '7' }] },
    ],
  });

  it('writes HELP, TYPE, sorted buckets and quantiles, sums and counts, with escapes', () => {
    assert.equal(
      rendered,
      [
        '# HELP c_total Line\\none \\\\ two',
        '# TYPE c_total counter',
        'c_total{job="j",path="a\\"b"} 1',
        '# HELP h H.',
        '# TYPE h histogram',
        'h_bucket{job="j",le="1"} 1',
        'h_bucket{job="j",le="10"} 2',
        'h_bucket{job="j",le="+Inf"} 3',
        'h_sum{job="j"} 4',
        'h_count{job="j"} 3',
        '# HELP s S.',
        '# TYPE s summary',
        's{job="j",quantile="0.5"} 5',
        's{job="j",quantile="0.9"} 8',
        's_sum{job="j"} 6',
        's_count{job="j"} 7',
        '',
      ].join('\n'),
    );
  });

  it('is a document our parser accepts', () => {
    assert.deepEqual(lintExposition(rendered).document.problems, []);
  });

  it('quotes the names a gateway with UTF-8 names holds, as its parser reads them back', () => {
    const utf8 = renderGroup({
      labels: { job: 'j' },
      lastPushSuccessful: true,
      families: [{ name: 'backup.size.bytes', type: 'GAUGE', help: 'Size.', metrics: [{ labels: { job: 'j', 'host.name': 'db-1' }, value: '1' }] }],
    });
    assert.equal(utf8, ['# HELP "backup.size.bytes" Size.', '# TYPE "backup.size.bytes" gauge', '{"backup.size.bytes","host.name"="db-1",job="j"} 1', ''].join('\n'));
    assert.deepEqual(lintExposition(utf8, { target: { version: '1.11', utf8Names: true, consistencyCheckDisabled: false } }).document.problems, []);
  });
});

describe('rendering a big group', () => {
  it('writes a histogram of 200 000 buckets (too many arguments for a spread)', () => {
    const buckets = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [String(i), String(i)]));
    const rendered = renderGroup({ labels: { job: 'j' }, lastPushSuccessful: true, families: [{ name: 'h', type: 'HISTOGRAM', metrics: [{ labels: {}, buckets, sum: '1', count: '1' }] }] });
    assert.equal(rendered.split('\n').length, 1 + 200_000 + 2 + 1);
  });
});
