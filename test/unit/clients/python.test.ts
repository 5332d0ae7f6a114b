import * as assert from 'node:assert/strict';
import { lintDeclaredMetrics } from '../../../src/core/clients/clientMetricLint';
import { siteGroupingKey, siteUrl } from '../../../src/core/clients/clientSite';
import { analyseWith } from '../../../src/core/clients/codeTree';
import { PYTHON_CLIENT } from '../../../src/core/clients/python';
import { clientDryRunText } from '../../../src/core/clients/dryRunText';
import { loadTreeParser, TreeParser } from '../../../src/core/shell/tree/shellParser';

describe('prometheus_client in Python', () => {
  let parser: TreeParser;
  before(async () => {
    parser = await loadTreeParser('python');
  });

  const analyse = (text: string) => analyseWith(PYTHON_CLIENT, parser, text);

  it('finds push_to_gateway with its job, gateway and the metrics its registry declares', () => {
    const { sites } = analyse(
      [
        'from prometheus_client import CollectorRegistry, Gauge, push_to_gateway',
        'registry = CollectorRegistry()',
        "g = Gauge('job_last_success_unixtime', 'Last success', registry=registry)",
        "other = Gauge('served_elsewhere', 'On the default registry')",
        "push_to_gateway('localhost:9091', job='batchA', registry=registry)",
        '',
      ].join('\n'),
    );
    assert.equal(sites.length, 1);
    const [site] = sites;
    assert.deepEqual([site.call, site.action, site.method, site.line], ['push_to_gateway', 'push', 'PUT', 4]);
    assert.deepEqual(
      site.metrics.map((metric) => metric.exposedName),
      ['job_last_success_unixtime'],
    );
    assert.equal(siteUrl(site), 'http://localhost:9091/metrics/job/batchA');
  });

  it('reads positional arguments, aliases and module imports', () => {
    const { sites, metrics } = analyse(
      [
        'import prometheus_client as pc',
        'from prometheus_client import pushadd_to_gateway as push_add, Counter as C',
        'reg = pc.CollectorRegistry()',
        "c = C('jobs_total', 'Jobs', registry=reg)",
        "push_add('gw:9091', 'nightly', reg, {'shard': '3'})",
        "pc.delete_from_gateway('gw:9091', 'nightly')",
        "pc.exposition.push_to_gateway('gw:9091', job='other', registry=pc.REGISTRY)",
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      sites.map((site) => [site.call, site.method, siteGroupingKey(site)]),
      [
        ['pushadd_to_gateway', 'POST', { job: 'nightly', labels: { shard: '3' } }],
        ['delete_from_gateway', 'DELETE', { job: 'nightly', labels: {} }],
        ['push_to_gateway', 'PUT', { job: 'other', labels: {} }],
      ],
    );
    assert.deepEqual(
      sites.map((site) => site.metrics.length),
      [1, 0, 0],
    );
    assert.deepEqual(
      metrics.map((metric) => [metric.name, metric.exposedName]),
      [['jobs', 'jobs_total']],
    );
  });

  it('follows a grouping key and a job held in names, and keeps what it cannot read as written', () => {
    const { sites } = analyse(
      [
        'from prometheus_client import push_to_gateway, REGISTRY',
        "JOB = 'backup'",
        "key = {'instance': host(), 'db': 'main'}",
        'push_to_gateway(gateway_url(), job=JOB, registry=REGISTRY, grouping_key=key)',
        "push_to_gateway('gw', job=JOB, registry=REGISTRY, grouping_key=make_key())",
        '',
      ].join('\n'),
    );
    assert.deepEqual(sites[0].job, { text: 'JOB', value: 'backup' });
    assert.deepEqual(sites[0].gateway, { text: 'gateway_url()', value: undefined });
    assert.deepEqual(
      sites[0].grouping?.map((pair) => [pair.label.value, pair.value.value ?? pair.value.text]),
      [
        ['instance', 'host()'],
        ['db', 'main'],
      ],
    );
    assert.equal(siteGroupingKey(sites[0]), undefined);
    assert.equal(sites[1].grouping, undefined);
  });

  it('reads a grouping key a function of the file returns, its parameters kept as written', () => {
    const { sites } = analyse(
      [
        'from prometheus_client import push_to_gateway, REGISTRY',
        "db = 'global'",
        'def grouping_key(db, shard=0):',
        "    region = 'eu'",
        '    def helper():',
        "        return {'ignored': 'x'}",
        "    return {'db': db, 'region': region, 'instance': 'host1'}",
        'def build():',
        '    return grouping_key(db)',
        "push_to_gateway('gw', job='sync', registry=REGISTRY, grouping_key=grouping_key('orders'))",
        "push_to_gateway('gw', job='sync', registry=REGISTRY, grouping_key=build())",
        '',
      ].join('\n'),
    );
    const shown = (index: number) => sites[index].grouping?.map((pair) => [pair.label.value, pair.value.value ?? `(${pair.value.text})`]);
    const expected = [
      ['db', '(db)'],
      ['region', 'eu'],
      ['instance', 'host1'],
    ];
    assert.deepEqual(shown(0), expected);
    assert.deepEqual(shown(1), expected);
  });

  it('ignores files and calls that are not prometheus_client', () => {
    assert.deepEqual(analyse("def push_to_gateway(a, job): pass\npush_to_gateway('x', job='y')\n"), { sites: [], metrics: [], httpPushes: [] });
    assert.deepEqual(analyse("import prometheus_client\nfrom other import Gauge\nGauge('bad-name', 'h')\n").metrics, []);
  });

  it('lints names the way the client builds them: a counter may end in _total, which is never doubled', () => {
    const { metrics } = analyse(
      [
        'from prometheus_client import Counter, Gauge, Histogram',
        "a = Counter('backups_total', 'Backups')",
        "b = Counter('backups_failed', 'Failures')",
        "c = Gauge('queue-depth', 'Depth', ['le'])",
        "d = Histogram('latency_seconds', 'Latency', labelnames=('le',))",
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      metrics.map((metric) => metric.exposedName),
      ['backups_total', 'backups_failed_total', 'queue-depth', 'latency_seconds'],
    );
    const findings = lintDeclaredMetrics('python', metrics).map((finding) => `${finding.span.line}:${finding.span.start}-${finding.span.end} ${finding.severity} ${finding.code}`);
    assert.deepEqual(findings, ['3:11-22 error invalid-metric-name', '3:36-38 warning reserved-label', '4:57-59 error reserved-label-name']);
  });

  it('warns of a counter whose _total the client would double', () => {
    const { metrics } = analyse(['from prometheus_client import Counter', "jobs = Counter('jobs_total_total', 'Jobs run')", ''].join('\n'));
    assert.equal(metrics[0].exposedName, 'jobs_total_total');
    const [finding, ...rest] = lintDeclaredMetrics('python', metrics);
    assert.deepEqual(rest, []);
    assert.deepEqual([finding.span.line, finding.span.start, finding.span.end, finding.severity, finding.code], [1, 16, 32, 'warning', 'counter-total-suffix']);
    assert.match(finding.message, /exposes this counter as jobs_total_total: name it jobs_total/);
  });

  it('joins namespace, subsystem and unit as the client does', () => {
    const { metrics } = analyse("from prometheus_client import Gauge\ng = Gauge('started', 'h', namespace='backup', subsystem='run', unit='seconds')\n");
    assert.equal(metrics[0].name, 'backup_run_started_seconds');
  });

  it('takes a gateway with UTF-8 names at its word: a quoted-style name is no error there', () => {
    const { metrics } = analyse("from prometheus_client import Gauge\ng = Gauge('queue.depth', 'h')\n");
    assert.equal(lintDeclaredMetrics('python', metrics).length, 1);
    assert.equal(lintDeclaredMetrics('python', metrics, { target: { version: '1.11', utf8Names: true, consistencyCheckDisabled: false } }).length, 0);
    assert.equal(lintDeclaredMetrics('python', metrics, { severities: { 'invalid-metric-name': 'off' } }).length, 0);
  });
});

describe('client-library dry run text', () => {
  it('shows the request and the families the registry declares, and runs nothing', async () => {
    const parser = await loadTreeParser('python');
    const { sites } = analyseWith(
      PYTHON_CLIENT,
      parser,
      [
        'from prometheus_client import CollectorRegistry, Counter, Info, delete_from_gateway, push_to_gateway',
        'registry = CollectorRegistry()',
        "c = Counter('backups', 'Backups\\\\done', ['db'], registry=registry)",
        "i = Info('tool', 'Tool build', registry=registry)",
        "push_to_gateway('gw:9091', job='backup', registry=registry, grouping_key={'db': 'main'})",
        "delete_from_gateway('gw:9091', job='backup')",
        '',
      ].join('\n'),
    );
    assert.equal(
      clientDryRunText(sites[0], 'job.py'),
      [
        '# Dry run of push_to_gateway at job.py:5: nothing of the code was run, nothing was sent.',
        '# PUT http://gw:9091/metrics/job/backup/db/main',
        '# Grouping key: job=backup db=main',
        '# The metric families the pushed registry declares (values are set when the code runs):',
        '# HELP backups_total Backups\\\\done',
        '# TYPE backups_total counter',
        '# labels: db',
        '# HELP tool_info Tool build',
        '# TYPE tool_info gauge',
        '',
      ].join('\n'),
    );
    assert.match(clientDryRunText(sites[1], 'job.py'), /^# DELETE http:\/\/gw:9091\/metrics\/job\/backup\n# Grouping key: job=backup\n# A delete sends no body/m);
  });
});
