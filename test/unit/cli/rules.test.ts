import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { FileWriter, runRules } from '../../../src/cli/rulesCommand';
import { alertRuleFiles } from '../../../src/core/rules/alertRules';
import { promtools, runPromtool } from '../rules/promtool';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['rules', ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('pgw rules', () => {
  it('prints the rule file of a daily job by default: stale after 25h, gateway job pushgateway', async () => {
    const { code, out, err } = await run('--job', 'backup_db');
    const expected = alertRuleFiles({ job: 'backup_db', grouping: [], staleAfterSeconds: 90_000, gatewayJob: 'pushgateway' });
    assert.ok(expected.ok);
    assert.equal(code, 0, err);
    assert.equal(out, expected.value.ruleText);
    assert.equal(err, '');
  });

  it('takes the grouping labels, the threshold, the gateway job and the last-success gauge', async () => {
    const { code, out } = await run(
      '--job',
      'backup',
      '--grouping',
      'instance=db1',
      '--grouping',
      'url=a=b',
      '--stale-after',
      '1h30m',
      '--gateway-job',
      'pgw',
      '--last-success-metric',
      'backup_last_success_unixtime',
    );
    assert.equal(code, 0);
    assert.match(out, /expr: "time\(\) - backup_last_success_unixtime\{job=\\"backup\\",instance=\\"db1\\",url=\\"a=b\\"\} > 5400"/);
    assert.match(out, /expr: "up\{job=\\"pgw\\"\} == 0 or absent\(up\{job=\\"pgw\\"\}\)"/);
  });

  it('answers bad arguments with the reason, usage and exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /--job NAME is required/],
      [['--job', 'a', '--grouping', 'instance'], /--grouping must be LABEL=VALUE, not "instance"/],
      [['--job', 'a', '--grouping', '=x'], /--grouping must be LABEL=VALUE, not "=x"/],
      [['--job', 'a', '--grouping', 'job=b'], /the grouping label "job" is given twice/],
      [['--job', 'a', '--stale-after', '25'], /--stale-after: "25" is not a duration/],
      [['--job', 'a', '--stale-after', '30s'], /at least 1m/],
      [['--job', 'a', '--last-success-metric', 'a-b'], /"a-b" is not a metric name/],
      [['--job', ''], /the job name must not be empty/],
      [['--job', 'a', '--out', ''], /--out needs a folder/],
      [['--job', 'a', '--frob'], /Unknown option '--frob'/],
      [['--job', 'a', 'extra'], /Unexpected argument 'extra'/],
    ];
    for (const [args, message] of cases) {
      const { code, out, err } = await run(...args);
      assert.equal(code, 2, args.join(' '));
      assert.equal(out, '', args.join(' '));
      assert.match(err, message);
      assert.match(err, /^pgw rules: /);
    }
  });

  it('prints its help on --help, exit 0, and pgw help names it', async () => {
    const { code, out } = await run('--help');
    assert.equal(code, 0);
    assert.match(out, /^Usage: pgw rules --job NAME/);
    let help = '';
    await runCli(['help'], { out: (t) => (help += t), err: () => undefined });
    assert.match(help, /\n {2}rules {11}Print Prometheus alert rules/);
  });

  it('exits 1 with the reason when --out cannot be written, after printing the rules', () => {
    const failing: FileWriter = () => {
      throw new Error('EACCES: permission denied');
    };
    let out = '';
    let err = '';
    const code = runRules(['--job', 'a', '--out', '/nope'], { out: (t) => (out += t), err: (t) => (err += t) }, failing);
    assert.equal(code, 1);
    assert.match(out, /^# Alert rules for the batch job "a"/);
    assert.equal(err, 'pgw rules: cannot write into /nope: EACCES: permission denied\n');
  });

  describe('--out DIR writes files the real promtool accepts', function () {
    let folder: string;
    before(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-rules-cli-'));
    });
    after(() => fs.rmSync(folder, { recursive: true, force: true }));

    it('writes NAME.rules.yml and NAME.rules.test.yml into a new folder and says so', async () => {
      const into = path.join(folder, 'rules');
      const { code, out, err } = await run('--job', 'backup_db', '--grouping', 'instance=db1', '--last-success-metric', 'backup_last_success_unixtime', '--out', into);
      assert.equal(code, 0, err);
      assert.deepEqual(fs.readdirSync(into).sort(), ['backup_db-db1.rules.test.yml', 'backup_db-db1.rules.yml']);
      assert.equal(fs.readFileSync(path.join(into, 'backup_db-db1.rules.yml'), 'utf8'), out);
      assert.equal(err, `pgw rules: wrote ${path.join(into, 'backup_db-db1.rules.yml')} and ${path.join(into, 'backup_db-db1.rules.test.yml')}\n`);
    });

    for (const tool of promtools()) {
      it(`promtool ${tool.label}: check rules and test rules pass on what pgw rules wrote`, async function () {
        if (tool.missing) {
          console.log(`      skipped: ${tool.missing}`);
          this.skip();
        }
        const into = path.join(folder, tool.label);
        const { code } = await run('--job', 'nightly', '--stale-after', '2h', '--gateway-job', 'pushgateway-prod', '--out', into);
        assert.equal(code, 0);
        const checked = runPromtool(tool, ['check', 'rules', 'nightly.rules.yml'], into);
        assert.equal(checked.status, 0, checked.output);
        const tested = runPromtool(tool, ['test', 'rules', 'nightly.rules.test.yml'], into);
        assert.equal(tested.status, 0, tested.output);
      });
    }
  });
});
