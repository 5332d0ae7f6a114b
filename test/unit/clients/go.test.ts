import * as assert from 'node:assert/strict';
import { lintDeclaredMetrics } from '../../../src/core/clients/clientMetricLint';
import { siteGroupingKey, siteUrl } from '../../../src/core/clients/clientSite';
import { analyseWith } from '../../../src/core/clients/codeTree';
import { GO_CLIENT } from '../../../src/core/clients/go';
import { loadTreeParser, TreeParser } from '../../../src/core/shell/tree/shellParser';

const IMPORTS = ['package main', '', 'import (', '\t"github.com/prometheus/client_golang/prometheus"', '\t"github.com/prometheus/client_golang/prometheus/push"', ')', ''];

describe('client_golang in Go', () => {
  let parser: TreeParser;
  before(async () => {
    parser = await loadTreeParser('go');
  });

  const analyse = (...lines: string[]) => analyseWith(GO_CLIENT, parser, [...IMPORTS, ...lines, ''].join('\n'));

  it('reads a string with an escape past the last code point as written instead of throwing', () => {
    const { sites } = analyse('func main() {', '\t_ = push.New("http://gw:9091", "job\\UFFFFFFFF").Push()', '}');
    assert.deepEqual(
      sites.map((site) => siteGroupingKey(site)?.job),
      ['job\\UFFFFFFFF'],
    );
  });

  it('finds push.New(url, job).Collector(c).Grouping(k, v).Push() with the collector it pushes', () => {
    const { sites } = analyse(
      'func main() {',
      '\tdone := prometheus.NewGauge(prometheus.GaugeOpts{Name: "backup_last_completion_timestamp_seconds", Help: "Done."})',
      '\tother := prometheus.NewGauge(prometheus.GaugeOpts{Name: "not_pushed", Help: "Other."})',
      '\t_ = push.New("http://pushgateway:9091", "db_backup").Collector(done).Grouping("db", "customers").Push()',
      '}',
    );
    assert.equal(sites.length, 1);
    const [site] = sites;
    assert.deepEqual([site.call, site.action, site.method, site.line], ['Push', 'push', 'PUT', 10]);
    assert.equal(siteUrl(site), 'http://pushgateway:9091/metrics/job/db_backup/db/customers');
    assert.deepEqual(
      site.metrics.map((metric) => metric.name),
      ['backup_last_completion_timestamp_seconds'],
    );
    assert.equal(site.metricsKnown, true);
  });

  it('takes a collector built inline in Collector(...) for what the push sends', () => {
    const { sites, metrics } = analyse(
      'func main() {',
      '\tother := prometheus.NewGauge(prometheus.GaugeOpts{Name: "not_pushed", Help: "Other."})',
      '\t_ = push.New("http://pushgateway:9091", "db_backup").',
      '\t\tCollector(prometheus.NewGauge(prometheus.GaugeOpts{Name: "backup_last_success_seconds", Help: "Done."})).',
      '\t\tPush()',
      '\t_ = other',
      '}',
    );
    assert.deepEqual(
      metrics.map((metric) => metric.name),
      ['not_pushed', 'backup_last_success_seconds'],
    );
    assert.equal(sites.length, 1);
    assert.deepEqual(
      sites[0].metrics.map((metric) => [metric.name, metric.line]),
      [['backup_last_success_seconds', 10]],
    );
    assert.equal(sites[0].metricsKnown, true);
  });

  it('follows a pusher variable configured over several statements, and the registry it gathers', () => {
    const { sites } = analyse(
      'const job = "sync"',
      'func main() {',
      '\treg := prometheus.NewRegistry()',
      '\tn := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "sync", Name: "records_total", Help: "Records."}, []string{"table"})',
      '\treg.MustRegister(n)',
      '\tp := push.New(gw, job).Gatherer(reg)',
      '\tp.Grouping("instance", "a")',
      '\tif err := p.Add(); err != nil {',
      '\t\treturn',
      '\t}',
      '\tp.Delete()',
      '}',
    );
    assert.deepEqual(
      sites.map((site) => [site.call, site.method, siteGroupingKey(site), site.metrics.map((metric) => metric.name)]),
      [
        ['Add', 'POST', { job: 'sync', labels: { instance: 'a' } }, ['sync_records_total']],
        ['Delete', 'DELETE', { job: 'sync', labels: { instance: 'a' } }, []],
      ],
    );
    assert.deepEqual(sites[0].gateway, { text: 'gw', value: undefined });
  });

  it('follows a pusher a function of the file returns, and one passed to a function', () => {
    const { sites } = analyse(
      'var done = prometheus.NewGauge(prometheus.GaugeOpts{Name: "sync_last_success_seconds", Help: "Done."})',
      'func newPusher() *push.Pusher {',
      '\treturn push.New("http://pushgateway:9091", "sync").Collector(done)',
      '}',
      'func send(p *push.Pusher) error {',
      '\tp.Grouping("shard", "a")',
      '\treturn p.Add()',
      '}',
      'func main() {',
      '\t_ = newPusher().Grouping("shard", "b").Push()',
      '\tpusher := push.New("http://pushgateway:9091", "sync").Collector(done)',
      '\t_ = send(pusher)',
      '}',
    );
    assert.deepEqual(
      sites.map((site) => [site.call, site.line, siteUrl(site), site.metrics.map((metric) => metric.name)]),
      [
        ['Add', 13, 'http://pushgateway:9091/metrics/job/sync/shard/a', ['sync_last_success_seconds']],
        ['Push', 16, 'http://pushgateway:9091/metrics/job/sync/shard/b', ['sync_last_success_seconds']],
      ],
    );
  });

  it('does not take another Push or Add for a push, nor a file without client_golang', () => {
    assert.deepEqual(analyse('func main() {', '\tvar s stack', '\ts.Push(1)', '\tx.Add()', '}').sites, []);
    assert.deepEqual(analyseWith(GO_CLIENT, parser, 'package main\nfunc main() { push.New("u", "j").Push() }\n'), { sites: [], metrics: [], httpPushes: [] });
  });

  it('lints names as client_golang builds them: no _total is added to counters', () => {
    const { metrics } = analyse(
      'var (',
      '\ta = prometheus.NewCounter(prometheus.CounterOpts{Name: "jobs_total", Help: "h"})',
      '\tb = prometheus.NewCounter(prometheus.CounterOpts{Subsystem: "x", Name: "jobs", Help: "h"})',
      '\tc = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "d_seconds", Help: "h"}, []string{"le"})',
      '\td = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "9lives", Help: "h"}, []string{"ok"})',
      ')',
    );
    const findings = lintDeclaredMetrics('go', metrics).map((finding) => `${finding.span.line}:${finding.span.start}-${finding.span.end} ${finding.severity} ${finding.code}`);
    assert.deepEqual(findings, ['9:73-77 warning counter-total-suffix', '10:98-100 error reserved-label-name', '11:56-62 error invalid-metric-name']);
  });
});
