import * as assert from 'node:assert/strict';
import { compileNamePattern } from '../../../src/core/groups/namePattern';
import { lastSuccessHints } from '../../../src/core/hygiene/lastSuccessHint';
import { findMetricHeredocs } from '../../../src/core/shell/heredocs';
import { lintShellScript } from '../../../src/core/shell/lintShellScript';
import { applyChanges } from '../../support/applyChanges';

const PUSH = 'cat <<EOF | curl --data-binary @- "$PGW/metrics/job/backup_db/instance/db1"';
const BODY = ['# HELP backup_db_size_bytes Size.', '# TYPE backup_db_size_bytes gauge', 'backup_db_size_bytes $size'];

function hints(script: string) {
  return lastSuccessHints(findMetricHeredocs(script));
}

describe('the golden rule: a last-success gauge in every pushed body', () => {
  it('hints on a pushed body without one, on the heredoc operator, and its fix adds one that the fixed script keeps', () => {
    const script = [PUSH, ...BODY, 'EOF', ''].join('\n');
    const [hint] = hints(script);
    assert.equal(hint.diagnostic.code, 'no-last-success');
    assert.equal(hint.diagnostic.severity, 'hint');
    assert.deepEqual(hint.diagnostic.span, { line: 0, start: 4, end: 9 });
    assert.ok(hint.fix);
    assert.equal(hint.fix.title, 'Add backup_db_last_success_unixtime');
    const fixed = applyChanges(script, hint.fix.changes);
    assert.equal(
      fixed,
      [
        PUSH,
        ...BODY,
        '# HELP backup_db_last_success_unixtime When the job last succeeded, in seconds since the epoch.',
        '# TYPE backup_db_last_success_unixtime gauge',
        'backup_db_last_success_unixtime $(date +%s)',
        'EOF',
        '',
      ].join('\n'),
    );
    assert.deepEqual(hints(fixed), []);
    assert.deepEqual(lintShellScript(fixed).diagnostics, [], 'the added lines lint clean');
  });

  it('names the metric job_ when the job is not a literal word, and offers no fix where $(date) would not expand', () => {
    assert.equal(hints(['cat <<EOF | curl --data-binary @- "$PGW/metrics/job/$JOB"', 'a 1', 'EOF', ''].join('\n'))[0].fix?.title, 'Add job_last_success_unixtime');
    const quoted = hints(["cat <<'EOF' | curl --data-binary @- http://gw:9091/metrics/job/x", 'a 1', 'EOF', ''].join('\n'));
    assert.equal(quoted.length, 1);
    assert.equal(quoted[0].fix, undefined);
  });

  it('stays quiet on bodies with a last-success gauge, on heredocs not pushed, and when off', () => {
    assert.deepEqual(hints([PUSH, 'backup_db_last_success_timestamp_seconds $(date +%s)', 'EOF', ''].join('\n')), []);
    assert.deepEqual(hints(['cat <<PROM > out.prom', 'a 1', 'PROM', ''].join('\n')), []);
    assert.deepEqual(hints(['curl -X PUT http://gw:9091/metrics/job/x <<EOF', 'a 1', 'EOF', ''].join('\n')), [], 'curl without --data-binary @- sends no body');
    assert.deepEqual(lastSuccessHints(findMetricHeredocs([PUSH, 'a 1', 'EOF', ''].join('\n')), { severities: { 'no-last-success': 'off' } }), []);
  });

  it('judges the body as the explorer will judge the group: by the samples the last-success pattern matches', () => {
    const withSample = (...lines: string[]) => hints([PUSH, ...lines, 'EOF', ''].join('\n')).length;
    assert.equal(withSample('backup_db_last_success_time $(date +%s)'), 1, 'a name the default pattern does not match');
    assert.equal(withSample('# TYPE backup_db_last_success_unixtime gauge'), 1, 'a TYPE line without its sample');
    assert.equal(withSample('  backup_db_last_success_unixtime{stage="all"} $(date +%s)'), 0);
  });

  it('honours a configured last-success pattern, and offers no fix that would not satisfy it', () => {
    const compiled = compileNamePattern('_ok_seconds$');
    assert.ok(compiled.ok);
    const withPattern = (...lines: string[]) => lastSuccessHints(findMetricHeredocs([PUSH, ...lines, 'EOF', ''].join('\n')), { lastSuccessPattern: compiled.value });
    assert.deepEqual(withPattern('backup_db_ok_seconds $(date +%s)'), []);
    const [hint, ...others] = withPattern('backup_db_last_success_unixtime $(date +%s)');
    assert.deepEqual(others, []);
    assert.equal(hint.fix, undefined);
    assert.match(hint.diagnostic.message, /no gauge that pushgateway\.explorer\.lastSuccessPattern matches/);
  });
});
