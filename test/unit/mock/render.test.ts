import * as assert from 'node:assert/strict';
import { familiesFromText } from '../../../src/core/mock/body/fromText';
import { GATEWAY_TARGET_1_5 } from '../../../src/core/protocol/gatewayTarget';
import { GAUGE_HISTOGRAM, GAUGE } from '../../../src/core/mock/model';
import { compareMetrics, renderExposition } from '../../../src/core/mock/output/render';
import { newStore, pushedExposition, pushOk } from './helpers';

const TIMES =
  '# HELP push_failure_time_seconds Last Unix time when changing this group in the Pushgateway failed.\n' +
  '# TYPE push_failure_time_seconds gauge\n' +
  'push_failure_time_seconds{instance="",job="j"} 0\n' +
  '# HELP push_time_seconds Last Unix time when changing this group in the Pushgateway succeeded.\n' +
  '# TYPE push_time_seconds gauge\n' +
  'push_time_seconds{instance="",job="j"} <time>\n';

function render(text: string): string {
  const { store, self } = newStore();
  pushOk(store, { job: 'j' }, text);
  return pushedExposition(renderExposition(store, self));
}

describe('mock gateway: the text exposition of GET /metrics', () => {
  it('writes values with Go float formatting and the family header', () => {
    assert.equal(
      render('# HELP a A gauge.\n# TYPE a gauge\na{x="1"} 1234567\na{x="2"} 0.00001\na{x="3"} -0\n'),
      `# HELP a A gauge.\n# TYPE a gauge\na{instance="",job="j",x="1"} 1.234567e+06\na{instance="",job="j",x="2"} 1e-05\na{instance="",job="j",x="3"} 0\n${TIMES}`,
    );
  });

  it('escapes HELP (backslash, new-line) and label values (also the quote)', () => {
    const output = render('# HELP a One\\nTwo \\\\ "q"\na{x="a\\\\b\\nc\\"d"} 1\n');
    assert.match(output, /^# HELP a One\\nTwo \\\\ "q"\n/);
    assert.match(output, /\na\{instance="",job="j",x="a\\\\b\\nc\\"d"\} 1\n/);
  });

  it('completes a histogram: +Inf bucket from _count, _sum and _count defaults, le formatted', () => {
    assert.equal(
      render('# TYPE h histogram\nh_bucket{le="1.0"} 2\nh_bucket{le="1e1"} 3\nh_count 7\n'),
      `# TYPE h histogram\nh_bucket{instance="",job="j",le="1"} 2\nh_bucket{instance="",job="j",le="10"} 3\nh_bucket{instance="",job="j",le="+Inf"} 7\nh_sum{instance="",job="j"} 0\nh_count{instance="",job="j"} 7\n${TIMES}`,
    );
  });

  it('completes a summary with _sum and _count and wraps a negative count', () => {
    const output = render('# TYPE s summary\ns{quantile="0.5"} 1\ns_count -1\n');
    assert.ok(output.endsWith('# TYPE s summary\ns{instance="",job="j",quantile="0.5"} 1\ns_sum{instance="",job="j"} 0\ns_count{instance="",job="j"} 1.8446744073709552e+19\n'), output);
  });

  it('sorts families by name (bytes) and series by label count, then label values', () => {
    const { store, self } = newStore();
    pushOk(store, { job: 'z' }, 'b 1\nB 2\n_c 3\n');
    pushOk(store, { job: 'a' }, 'b{x="1"} 4\n');
    pushOk(store, { job: 'a', instance: 'Z' }, 'b 6\n');
    const output = pushedExposition(renderExposition(store, self));
    const samples = output.split('\n').filter((line) => /^[Bb_]/.test(line));
    assert.deepEqual(samples, ['B{instance="",job="z"} 2', '_c{instance="",job="z"} 3', 'b{instance="",job="z"} 1', 'b{instance="Z",job="a"} 6', 'b{instance="",job="a",x="1"} 4']);
  });

  it('orders metrics with client_golang metricSorter', () => {
    const one = { labels: [{ name: 'a', value: 'x' }] };
    const two = {
      labels: [
        { name: 'a', value: 'a' },
        { name: 'b', value: 'a' },
      ],
    };
    const timed = { labels: [{ name: 'a', value: 'x' }], timestampMs: 5n };
    assert.ok(compareMetrics(one, two) < 0, 'fewer labels first');
    assert.ok(compareMetrics(timed, one) < 0, 'a timestamp before none');
    assert.equal(compareMetrics(one, { labels: [{ name: 'other', value: 'x' }] }), 0, 'names are not compared');
  });

  it('stops right after "# TYPE name" at a type the text format cannot write (a 200 with a cut body)', () => {
    const { store, self } = newStore();
    const gaugeHistogram = { name: 'gh', help: 'Cut.', type: GAUGE_HISTOGRAM, metrics: [{ labels: [], histogram: { buckets: [] } }] };
    assert.ok(store.push({ grouping: { job: 'j' }, families: [gaugeHistogram, { name: 'a', type: GAUGE, metrics: [{ labels: [], gauge: { value: 1 } }] }], replace: true }).ok);
    const body = renderExposition(store, self).toString('utf8');
    assert.ok(body.endsWith('# HELP gh Cut.\n# TYPE gh'), body.slice(-80));
    assert.ok(body.includes('\na{instance="",job="j"} 1\n'), 'families before it are written');
    assert.ok(!body.includes('go_goroutines'), 'families after it are not');
  });

  it('writes nothing at all when a family has no name', () => {
    const { store, self } = newStore();
    assert.ok(store.push({ grouping: { job: 'j' }, families: [{ name: '', type: GAUGE, metrics: [{ labels: [], gauge: { value: 1 } }] }], replace: true }).ok);
    assert.equal(renderExposition(store, self).length, 0);
  });

  it("shows a pushed self-named family under the gateway's HELP, beside the gateway's own series", () => {
    const { store, self } = newStore();
    pushOk(store, { job: 'j' }, '# HELP go_goroutines Mine.\n# TYPE go_goroutines gauge\ngo_goroutines 5\n');
    const body = renderExposition(store, self).toString('utf8');
    assert.ok(body.includes('# HELP go_goroutines Number of goroutines that currently exist.\n# TYPE go_goroutines gauge\ngo_goroutines 10\ngo_goroutines{instance="",job="j"} 5\n'));
  });

  it('writes invalid UTF-8 of a HELP text back as the raw bytes', () => {
    const { store, self } = newStore();
    const help = Buffer.concat([Buffer.from('# HELP a caf'), Buffer.from([0xe9]), Buffer.from('\na 1\n')]);
    const families = familiesFromText(help, GATEWAY_TARGET_1_5);
    assert.ok(families.ok);
    assert.ok(store.push({ grouping: { job: 'j' }, families: families.value, replace: true }).ok);
    assert.ok(renderExposition(store, self).includes(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])));
  });
});
