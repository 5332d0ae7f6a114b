import * as assert from 'node:assert/strict';
import { checkScrapeConfig, ScrapeConfigOptions } from '../../../src/core/scrape/scrapeConfig';
import { applyChanges } from '../../support/applyChanges';

function fixed(text: string, options: ScrapeConfigOptions = {}): string {
  const findings = checkScrapeConfig(text, options);
  assert.equal(findings.length, 1, `one finding expected in:\n${text}`);
  const result = applyChanges(text, findings[0].fix.changes);
  assert.deepEqual(checkScrapeConfig(result, options), [], `the fix leaves no finding:\n${result}`);
  return result;
}

const job = (lines: string) => `global:\n  scrape_interval: 15s\nscrape_configs:\n${lines}`;

describe('checkScrapeConfig', () => {
  it('warns on a job scraping port 9091 without honor_labels, on the job name', () => {
    const text = job("  - job_name: batch\n    static_configs:\n      - targets: ['gateway.example:9091']\n");
    const [finding] = checkScrapeConfig(text);
    assert.equal(finding.diagnostic.code, 'honor-labels');
    assert.equal(finding.diagnostic.severity, 'warning');
    assert.deepEqual(finding.diagnostic.span, { line: 3, start: 14, end: 19 });
    assert.match(finding.diagnostic.message, /"batch".*honor_labels: true/);
  });

  it('inserts honor_labels: true under job_name with its indentation', () => {
    const text = job("  - job_name: batch # the gateway\n    static_configs:\n      - targets: ['gw:9091']\n");
    assert.equal(fixed(text), job("  - job_name: batch # the gateway\n    honor_labels: true\n    static_configs:\n      - targets: ['gw:9091']\n"));
  });

  it('keeps CRLF line endings in the inserted line', () => {
    const text = "scrape_configs:\r\n  - job_name: pushgateway\r\n    static_configs:\r\n      - targets: ['gw:80']\r\n";
    const [finding] = checkScrapeConfig(text);
    assert.equal(finding.fix.changes[0].newText, '\r\n    honor_labels: true');
  });

  it('replaces honor_labels: false, and fills an empty honor_labels:', () => {
    assert.equal(
      fixed(job("  - job_name: b\n    honor_labels: false\n    static_configs: [{targets: ['gw:9091']}]\n")),
      job("  - job_name: b\n    honor_labels: true\n    static_configs: [{targets: ['gw:9091']}]\n"),
    );
    assert.equal(
      fixed(job("  - job_name: b\n    honor_labels:\n    static_configs: [{targets: ['gw:9091']}]\n")),
      job("  - job_name: b\n    honor_labels: true\n    static_configs: [{targets: ['gw:9091']}]\n"),
    );
  });

  it('inserts before the first key when job_name is not a one-line scalar, and into a flow mapping', () => {
    assert.equal(
      fixed(job("  - static_configs: [{targets: ['gw:9091']}]\n    job_name: >\n      batch\n")),
      job("  - honor_labels: true\n    static_configs: [{targets: ['gw:9091']}]\n    job_name: >\n      batch\n"),
    );
    assert.equal(fixed(job("  - {job_name: b, static_configs: [{targets: ['gw:9091']}]}\n")), job("  - {honor_labels: true, job_name: b, static_configs: [{targets: ['gw:9091']}]}\n"));
  });

  it('knows a gateway by its job name, a target name, or a configured gateway host', () => {
    assert.equal(checkScrapeConfig(job('  - job_name: push-gateway\n    kubernetes_sd_configs: [{role: pod}]\n')).length, 1);
    assert.equal(checkScrapeConfig(job("  - job_name: batch\n    static_configs: [{targets: ['prometheus-pushgateway.monitoring:80']}]\n")).length, 1);
    const onHost = job("  - job_name: batch\n    static_configs: [{targets: ['metrics.internal:8080']}]\n");
    assert.equal(checkScrapeConfig(onHost).length, 0);
    assert.equal(checkScrapeConfig(onHost, { gatewayUrls: ['http://metrics.internal:8080/'] }).length, 1);
    assert.equal(checkScrapeConfig(onHost, { gatewayUrls: ['https://metrics.internal'] }).length, 1);
    assert.equal(checkScrapeConfig(onHost, { gatewayUrls: ['http://metrics.internal:9091'] }).length, 0);
  });

  it('stays quiet on other jobs, on honor_labels true (yes, as Prometheus reads YAML 1.1), on broken YAML, and when off', () => {
    assert.deepEqual(checkScrapeConfig(job("  - job_name: node\n    static_configs: [{targets: ['host:9100']}]\n")), []);
    assert.deepEqual(checkScrapeConfig(job("  - job_name: pushgateway\n    honor_labels: true\n    static_configs: [{targets: ['gw:9091']}]\n")), []);
    assert.deepEqual(checkScrapeConfig(job("  - job_name: pushgateway\n    honor_labels: yes\n    static_configs: [{targets: ['gw:9091']}]\n")), []);
    assert.deepEqual(checkScrapeConfig(job('  - job_name: pushgateway\n    static_configs: [{targets: [\n')), []);
    assert.deepEqual(checkScrapeConfig('groups: []\n'), []);
    assert.deepEqual(checkScrapeConfig(job('  - job_name: pushgateway\n'), { severities: { 'honor-labels': 'off' } }), []);
    assert.equal(checkScrapeConfig(job('  - job_name: pushgateway\n'), { severities: { 'honor-labels': 'error' } })[0].diagnostic.severity, 'error');
  });
});
