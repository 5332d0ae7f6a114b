import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findEmbeddedScripts } from '../../../src/core/embedded/embeddedScripts';
import { lintEmbeddedShell } from '../../../src/core/embedded/lintEmbedded';
import { loadShellParser, ShellParser } from '../../../src/core/shell/tree/shellParser';

// The YAML around a script says what its text does not: a CronJob's or Job's pod is new on every
// run (so is its host name), and a CI fills in `${{ github.run_id }}` before the shell runs.
const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/yaml');

function perRun(yaml: string, parser: ShellParser | undefined): string[] {
  const lines = yaml.split('\n');
  return lintEmbeddedShell(findEmbeddedScripts(yaml), parser)
    .diagnostics.filter((diagnostic) => diagnostic.code === 'per-run-grouping-key')
    .map(({ span, message }) => `${span.line + 1}: ${lines[span.line].slice(span.start, span.end)} (${/takes .*?, (.*?):/.exec(message)?.[1]})`);
}

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

const cronJob = (kind: string, url: string) =>
  [
    `kind: ${kind}`,
    'spec:',
    '  containers:',
    '    - command: [sh, -c]',
    '      args:',
    '        - |',
    `          cat <<EOF | curl --data-binary @- "${url}"`,
    '          a 1',
    '          EOF',
    '',
  ].join('\n');

describe('per-run grouping keys in scripts embedded in YAML', () => {
  let parser: ShellParser;
  before(async function () {
    parser = await loadShellParser();
  });

  it("warns on a pod's host name in a CronJob or a Job, not in a Deployment", () => {
    const url = 'http://gw:9091/metrics/job/sync/instance/$HOSTNAME';
    assert.deepEqual(perRun(cronJob('CronJob', url), undefined), ["7: $HOSTNAME (the CronJob pod's name, new on every run)"]);
    assert.deepEqual(perRun(cronJob('Job', url), undefined), ["7: $HOSTNAME (the Job pod's name, new on every run)"]);
    assert.deepEqual(perRun(cronJob('Deployment', url), undefined), []);
  });

  it('records the kind of manifest whose pod runs each script, document by document', () => {
    const yaml = `${cronJob('CronJob', 'http://gw/metrics/job/a')}---\n${cronJob('Deployment', 'http://gw/metrics/job/b')}`;
    assert.deepEqual(
      findEmbeddedScripts(yaml).scripts.map((script) => script.podOf),
      ['CronJob', undefined],
    );
  });

  it("warns on GitHub's ${{ github.run_id }} and ${{ github.run_number }}, written as they are, not on other expressions", () => {
    const step = (url: string) => `jobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: |\n          echo "a 1" | curl --data-binary @- "${url}"\n`;
    assert.deepEqual(perRun(step('http://gw/metrics/job/a/run/${{ github.run_id }}'), parser), ["6: ${{ github.run_id }} (the CI run's id, new on every run)"]);
    assert.deepEqual(perRun(step("http://gw/metrics/job/a/n/${{ github['run_number'] }}"), parser), ["6: ${{ github['run_number'] }} (the CI run's id, new on every run)"]);
    assert.deepEqual(perRun(step('http://gw/metrics/job/a/branch/${{ github.ref_name }}'), parser), []);
  });

  it('warns on the per-run fixtures, at each per-run value, heredoc and echo pushes alike', () => {
    assert.deepEqual(perRun(fixture('hygiene-cronjob-hostname.yaml'), parser), ["20: $HOSTNAME (the CronJob pod's name, new on every run)", "38: $(hostname) (the Job pod's name, new on every run)"]);
    assert.deepEqual(perRun(fixture('hygiene-workflow-run-id.yaml'), parser), [
      "13: ${{ github.run_id }} (the CI run's id, new on every run)",
      "16: ${{ github.run_number }} (the CI run's id, new on every run)",
    ]);
    assert.deepEqual(perRun(fixture('hygiene-gitlab-pipeline.yml'), parser), ["11: $CI_PIPELINE_ID (the CI run's id, new on every run)", "13: ${CI_JOB_ID} (the CI run's id, new on every run)"]);
  });

  it('finds nothing per-run in the stable fixtures (a Deployment pod, stable CI keys, a run id in the body)', () => {
    for (const name of ['clean-stable-grouping.yaml', 'clean-stable-ci-keys.yaml']) {
      assert.deepEqual(perRun(fixture(name), parser), [], name);
    }
  });

  it('follows the per-run-grouping-key severity, off included', () => {
    const yaml = fixture('hygiene-gitlab-pipeline.yml');
    const severities = (severity: 'off' | 'error') => lintEmbeddedShell(findEmbeddedScripts(yaml), parser, { severities: { 'per-run-grouping-key': severity } }).diagnostics;
    assert.deepEqual(
      severities('error')
        .filter((diagnostic) => diagnostic.code === 'per-run-grouping-key')
        .map((diagnostic) => diagnostic.severity),
      ['error', 'error'],
    );
    assert.equal(severities('off').filter((diagnostic) => diagnostic.code === 'per-run-grouping-key').length, 0);
  });
});
