import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALERT_NAMES, AlertRuleFiles, AlertRuleSpec, alertRuleFiles } from '../../../src/core/rules/alertRules';
import { promtools, runPromtool } from './promtool';

const DAILY: AlertRuleSpec = { job: 'backup_db', grouping: [], staleAfterSeconds: 90_000, gatewayJob: 'pushgateway' };

function files(spec: AlertRuleSpec): AlertRuleFiles {
  const generated = alertRuleFiles(spec);
  assert.ok(generated.ok, generated.ok ? '' : generated.error);
  return generated.value;
}

/** The `expr:` of an alert in a generated rule file, unquoted. */
function exprOf(ruleText: string, alert: string): string {
  const match = new RegExp(`- alert: ${alert}\\n\\s+expr: (".*")`).exec(ruleText);
  assert.ok(match, `no ${alert} in\n${ruleText}`);
  return JSON.parse(match[1]) as string;
}

describe('rules: alert rule files for a job', () => {
  it('judges staleness by push_time_seconds without a last-success gauge, with the threshold in seconds', () => {
    const { ruleText } = files(DAILY);
    assert.equal(exprOf(ruleText, ALERT_NAMES.stale), 'time() - push_time_seconds{job="backup_db"} > 90000');
    assert.match(ruleText, /has not pushed for more than 25 h/);
  });

  it('judges staleness by the last-success gauge when the job has one', () => {
    const { ruleText } = files({ ...DAILY, lastSuccessMetric: 'backup_last_success_unixtime', staleAfterSeconds: 7_200 });
    assert.equal(exprOf(ruleText, ALERT_NAMES.stale), 'time() - backup_last_success_unixtime{job="backup_db"} > 7200');
    assert.match(ruleText, /has not succeeded for more than 2 h, by its last-success gauge backup_last_success_unixtime/);
  });

  it('selects the group by job and every grouping label; a failed push is a failure time after the push time', () => {
    const { ruleText } = files({
      ...DAILY,
      grouping: [
        ['instance', 'db1'],
        ['env', 'prod'],
      ],
    });
    assert.equal(exprOf(ruleText, ALERT_NAMES.pushFailed), 'push_failure_time_seconds{job="backup_db",instance="db1",env="prod"} > push_time_seconds{job="backup_db",instance="db1",env="prod"}');
  });

  it('watches the gateway by its own scrape job: down or not scraped at all, for 5m, critical', () => {
    const { ruleText } = files({ ...DAILY, gatewayJob: 'pgw-prod' });
    assert.equal(exprOf(ruleText, ALERT_NAMES.gatewayDown), 'up{job="pgw-prod"} == 0 or absent(up{job="pgw-prod"})');
    assert.match(ruleText, /- name: "pushgateway-pgw-prod"\n {4}rules:\n {6}- alert: PushgatewayDown\n.*\n {8}for: 5m\n {8}labels:\n {10}severity: "critical"/);
  });

  it('gives every alert a severity, a summary, a description and a runbook hint', () => {
    const { ruleText } = files(DAILY);
    const alerts = ruleText.split('- alert: ').slice(1);
    assert.equal(alerts.length, 3);
    for (const alert of alerts) {
      assert.match(alert, /\n {10}severity: "(warning|critical)"\n/);
      assert.match(alert, /\n {10}summary: ".+"\n {10}description: ".+"\n {10}runbook: ".+"/);
    }
  });

  it('names the files after the job and grouping values, safe as file names; the test file names the rule file', () => {
    const generated = files({ ...DAILY, job: 'a/b c', grouping: [['instance', '..x']] });
    assert.equal(generated.ruleFileName, 'a_b_c-..x.rules.yml');
    assert.equal(generated.testFileName, 'a_b_c-..x.rules.test.yml');
    assert.match(generated.testText, /^rule_files:\n {2}- "a_b_c-..x.rules.yml"$/m);
    assert.equal(files({ ...DAILY, job: '..' }).ruleFileName, '_.rules.yml');
  });

  it('quotes any job name safely: quotes, backslashes, line breaks and braces stay label values', () => {
    const { ruleText } = files({ ...DAILY, job: 'we"ird\\ {{ x }}\nü' });
    assert.equal(exprOf(ruleText, ALERT_NAMES.stale), 'time() - push_time_seconds{job="we\\"ird\\\\ {{ x }}\\nü"} > 90000');
    assert.ok(
      ruleText.split('\n').every((line) => line === '' || /^(#| {2}- name| {4}rules| {6}- alert| {8}\w| {10}\w|groups:)/.test(line)),
      ruleText,
    );
  });

  it('refuses a spec it cannot write rules for, saying why', () => {
    const refused = (spec: Partial<AlertRuleSpec>): string => {
      const generated = alertRuleFiles({ ...DAILY, ...spec });
      assert.equal(generated.ok, false);
      return generated.ok ? '' : generated.error;
    };
    assert.match(refused({ job: '' }), /job name must not be empty/);
    assert.match(refused({ gatewayJob: '' }), /gateway job name must not be empty/);
    assert.match(refused({ grouping: [['1x', 'a']] }), /"1x" is not a grouping label name/);
    assert.match(refused({ grouping: [['__name__', 'a']] }), /"__name__" is not a grouping label name/);
    assert.match(refused({ grouping: [['job', 'a']] }), /"job" is given twice \(the job is given by --job\)/);
    assert.match(
      refused({
        grouping: [
          ['env', 'a'],
          ['env', 'b'],
        ],
      }),
      /"env" is given twice$/,
    );
    assert.match(refused({ lastSuccessMetric: 'last-success' }), /"last-success" is not a metric name/);
    assert.match(refused({ staleAfterSeconds: 59 }), /at least 1m/);
    assert.match(refused({ staleAfterSeconds: 90.5 }), /whole seconds/);
  });
});

describe('rules: the real promtool checks and tests the generated files', function () {
  const specs: Array<[string, AlertRuleSpec]> = [
    ['a daily job by push time', DAILY],
    [
      'a job with a last-success gauge and grouping labels',
      {
        ...DAILY,
        grouping: [
          ['instance', 'db1'],
          ['env', 'prod'],
        ],
        lastSuccessMetric: 'backup_last_success_unixtime',
      },
    ],
    ['odd names and a threshold of 61 s', { job: 'we"ird\\ {{ x }}\nü', grouping: [['path', 'a/b "c"']], staleAfterSeconds: 61, gatewayJob: 'prometheus' }],
    ['a 3-day threshold', { ...DAILY, staleAfterSeconds: 3 * 86_400, lastSuccessMetric: 'job:last_success:unixtime' }],
  ];
  let folder: string;
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-rules-'));
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  function writeFiles(generated: AlertRuleFiles, ruleText = generated.ruleText): void {
    fs.writeFileSync(path.join(folder, generated.ruleFileName), ruleText);
    fs.writeFileSync(path.join(folder, generated.testFileName), generated.testText);
  }

  for (const tool of promtools()) {
    describe(`promtool ${tool.label}`, () => {
      before(function () {
        if (tool.missing) {
          console.log(`      skipped: ${tool.missing}`);
          this.skip();
        }
      });

      for (const [name, spec] of specs) {
        it(`check rules and test rules pass: ${name}`, () => {
          const generated = files(spec);
          writeFiles(generated);
          const checked = runPromtool(tool, ['check', 'rules', generated.ruleFileName], folder);
          assert.equal(checked.status, 0, checked.output);
          assert.match(checked.output, /SUCCESS: 3 rules found/);
          const tested = runPromtool(tool, ['test', 'rules', generated.testFileName], folder);
          assert.equal(tested.status, 0, tested.output);
          assert.doesNotMatch(tested.output, /FAILED/);
        });
      }

      it('the test file fails when a rule is off by a step: it tests the thresholds, not only the syntax', () => {
        const generated = files(DAILY);
        const mutants = [
          generated.ruleText.replace('> 90000', '>= 90000'),
          generated.ruleText.replace('> 90000', '> 90900'),
          generated.ruleText.replace('for: 5m', 'for: 4m'),
          generated.ruleText.replace('== 0 or absent', '== 0 unless absent'),
          generated.ruleText.replace('severity: "critical"', 'severity: "warning"'),
        ];
        for (const mutant of mutants) {
          assert.notEqual(mutant, generated.ruleText);
          writeFiles(generated, mutant);
          const tested = runPromtool(tool, ['test', 'rules', generated.testFileName], folder);
          assert.equal(tested.status, 1, `${tested.output}\n${mutant}`);
        }
      });
    });
  }
});
