import * as assert from 'node:assert/strict';
import { pushUrlProblem } from '../../../src/core/shell/tree/urlPath';

describe('push URL paths with expansions', () => {
  it('counts a path component holding a command substitution with slashes as one component', () => {
    assert.equal(pushUrlProblem('$GW/metrics/job/x/host/$(cat /etc/hostname)', false), undefined);
    assert.equal(pushUrlProblem('$GW/metrics/job/x/host/$(basename /a/b/c)', false), undefined);
  });

  it('does not cut the path at a # inside ${VAR#pattern}', () => {
    assert.match(pushUrlProblem('$GW/metrics/job/x/h/${H#a}/z', false)?.error ?? '', /odd number of path components after \/metrics\/ \(5\)/);
  });

  it('still finds an odd number of components around such expansions', () => {
    assert.equal(pushUrlProblem('$GW/metrics/job/x/host/$(cat /etc/hostname)/extra', false)?.certain, false);
    assert.match(pushUrlProblem('$GW/metrics/job/x/${DB}', false)?.error ?? '', /odd number of path components after \/metrics\/ \(3\)/);
  });
});
