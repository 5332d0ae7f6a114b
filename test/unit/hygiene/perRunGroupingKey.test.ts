import * as assert from 'node:assert/strict';
import { perRunGroupingValues } from '../../../src/core/hygiene/perRunGroupingKey';

const PER_RUN: readonly [string, string][] = [
  ['http://gw:9091/metrics/job/backup/run/$RANDOM', '$RANDOM'],
  ['http://gw:9091/metrics/job/backup/run/${RANDOM}', '${RANDOM}'],
  ['http://gw:9091/metrics/job/backup/pid/$$', '$$'],
  ['http://gw:9091/metrics/job/backup/started/$(date +%s)', '$(date +%s)'],
  ['http://gw:9091/metrics/job/backup/day/$(date +%Y/%m/%d)', '$(date +%Y/%m/%d)'],
  ['http://gw:9091/metrics/job/backup/started/`date +%s`', '`date +%s`'],
  ['http://gw:9091/metrics/job/backup/id/$(uuidgen)', '$(uuidgen)'],
  ['http://gw:9091/metrics/job/backup/id/$(cat /proc/sys/kernel/random/uuid)', '$(cat /proc/sys/kernel/random/uuid)'],
  ['$PUSHGATEWAY/metrics/job/build/build/$BUILD_ID', '$BUILD_ID'],
  ['$PUSHGATEWAY/metrics/job/build/ci/${CI_JOB_ID}', '${CI_JOB_ID}'],
  ['$PUSHGATEWAY/metrics/job/build/run/$GITHUB_RUN_ID', '$GITHUB_RUN_ID'],
  ['$PUSHGATEWAY/metrics/job/build_$GITHUB_RUN_ID', '$GITHUB_RUN_ID'],
  ['http://gw:9091/metrics/job/backup/instance@base64/$RANDOM', '$RANDOM'],
  ['http://gw:9091/metrics/job/backup/run/r-$RANDOM?x=1', '$RANDOM'],
];

const STABLE: readonly string[] = [
  'http://gw:9091/metrics/job/backup',
  'http://gw:9091/metrics/job/backup/instance/db1',
  '$PUSHGATEWAY/metrics/job/$JOB/instance/$(hostname)',
  'http://gw:9091/metrics/job/backup/instance/$HOSTNAME',
  'http://gw:9091/metrics/job/backup/branch/${CI_COMMIT_BRANCH}/project/$CI_PROJECT_NAME',
  'http://$RANDOM_HOST:9091/metrics/job/backup',
  'http://gw:9091/metrics/job/backup?id=$RANDOM',
  'http://gw:9091/metrics/job/backup/shard/$((SHARD + 1))',
  'http://gw:9091/api/v1/status/$RANDOM',
];

describe('perRunGroupingValues', () => {
  for (const [url, expansion] of PER_RUN) {
    it(`warns on ${expansion} in ${url}`, () => {
      const found = perRunGroupingValues(url);
      assert.deepEqual(
        found.map((value) => value.expansion),
        [expansion],
      );
      assert.equal(url.slice(found[0].offset, found[0].offset + expansion.length), expansion);
    });
  }

  for (const url of STABLE) {
    it(`finds nothing per-run in ${url}`, () => {
      assert.deepEqual(perRunGroupingValues(url), []);
    });
  }

  it('names the label and the reason', () => {
    assert.deepEqual(perRunGroupingValues('http://gw:9091/metrics/job/backup/run/$RANDOM'), [{ label: 'run', expansion: '$RANDOM', offset: 38, why: 'a random number, new on every run' }]);
  });

  it("counts a pod's host name in a Kubernetes CronJob", () => {
    for (const url of ['http://gw:9091/metrics/job/backup/instance/$HOSTNAME', 'http://gw:9091/metrics/job/backup/instance/$(hostname)']) {
      assert.equal(perRunGroupingValues(url, { cronJob: true })[0]?.why, "the CronJob pod's name, new on every run", url);
    }
  });
});

describe('perRunGroupingValues with what is known around the script', () => {
  it("names the manifest whose pod's host name it is", () => {
    assert.equal(perRunGroupingValues('http://gw/metrics/job/a/instance/$HOSTNAME', { podOf: 'Job' })[0]?.why, "the Job pod's name, new on every run");
    assert.deepEqual(perRunGroupingValues('http://gw/metrics/job/a/instance/$HOSTNAME', {}), []);
  });

  it('reads a template expression by the variable that stands for it: run id and number are per-run, others not', () => {
    const templateExpressions = new Map([
      ['${_0_______________}', '${{ github.run_id }}'],
      ['${_1________________}', '${{ github.ref_name }}'],
    ]);
    assert.deepEqual(
      perRunGroupingValues('$GW/metrics/job/a/run/${_0_______________}/branch/${_1________________}', { templateExpressions }).map((value) => [value.label, value.expansion]),
      [['run', '${_0_______________}']],
    );
  });

  it("counts GitLab's per-project pipeline number", () => {
    assert.deepEqual(
      perRunGroupingValues('$GW/metrics/job/a/pipeline/$CI_PIPELINE_IID').map((value) => value.expansion),
      ['$CI_PIPELINE_IID'],
    );
  });
});
