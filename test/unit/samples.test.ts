import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic } from '../../src/core/exposition/diagnostic';
import { hasErrors, lintExposition } from '../../src/core/exposition/lint';
import { lintShellScript } from '../../src/core/shell/lintShellScript';
import { findDeleteCommands } from '../../src/core/shell/heredocs';

// The demo workspace that `npm start` opens: its clean files must stay clean, and its deliberate
// mistakes must keep showing exactly as samples/README.md describes them.

const SAMPLES = path.resolve(__dirname, '../../../samples');

function readSample(relative: string): string {
  return fs.readFileSync(path.join(SAMPLES, relative), 'utf8');
}

/** `line:column severity code`, lines and columns 0-based as the linters give them. */
function describe0(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.span.line}:${d.span.start} ${d.severity} ${d.code}`);
}

const CLEAN_SCRIPTS = ['scripts/backup_db.sh', 'scripts/migrate_orders.sh'];
const CLEAN_TEXTFILES = ['textfile/backup.prom', 'textfile/apt.prom'];

describe('demo samples', () => {
  for (const file of CLEAN_SCRIPTS) {
    it(`${file} has no findings and pushes one heredoc`, () => {
      const lint = lintShellScript(readSample(file));
      assert.deepEqual(describe0(lint.diagnostics), []);
      assert.equal(lint.heredocs.length, 1);
      assert.equal(lint.heredocs[0].heredoc.reason, 'push');
      assert.equal(lint.heredocs[0].heredoc.push?.readsStdin, true);
    });
  }

  it('backup_db.sh pushes to job backup_db', () => {
    const [linted] = lintShellScript(readSample('scripts/backup_db.sh')).heredocs;
    assert.equal(linted.heredoc.push?.url, '$PUSHGATEWAY/metrics/job/backup_db/instance/$(hostname)');
  });

  it('migrate_orders.sh pushes its progress and deletes its group when done', () => {
    const script = readSample('scripts/migrate_orders.sh');
    const [linted] = lintShellScript(script).heredocs;
    assert.equal(linted.heredoc.push?.url, '$PUSHGATEWAY/metrics/job/orders_migration');
    const deletes = findDeleteCommands(script);
    assert.equal(deletes.length, 1);
    assert.equal(deletes[0].url, '$PUSHGATEWAY/metrics/job/orders_migration');
    assert.equal(deletes[0].line, 28);
  });

  for (const file of CLEAN_TEXTFILES) {
    it(`${file} has no findings`, () => {
      assert.deepEqual(describe0(lintExposition(readSample(file)).diagnostics), []);
    });
  }

  it('clean_logs.sh shows exactly its deliberate mistakes, and they block a push', () => {
    const lint = lintShellScript(readSample('scripts/clean_logs.sh'));
    assert.equal(lint.heredocs.length, 1);
    assert.equal(lint.heredocs[0].heredoc.push?.url, '$PUSHGATEWAY/metrics/job/clean_logs');
    assert.deepEqual(describe0(lint.diagnostics), [
      // `# TYPE clean_logs_deleted_files_total countr` (script line 14)
      '13:38 error unknown-type',
      // `clean_logs_dir_size_bytes $dir_size 1764000000000` (script line 18)
      '17:36 error timestamp',
    ]);
    assert.equal(hasErrors(lint.diagnostics), true);
  });

  it('cleanup.prom lacks its final new-line, and that blocks a push', () => {
    const text = readSample('textfile/cleanup.prom');
    assert.equal(text.endsWith('\n'), false);
    const { diagnostics } = lintExposition(text);
    const lastLine = text.split('\n').length - 1;
    assert.equal(lastLine, 6);
    assert.deepEqual(describe0(diagnostics), [`${lastLine}:0 error missing-final-newline`]);
    assert.equal(hasErrors(diagnostics), true);
  });

  it('push_report.py pushes the report_mailer group with prometheus_client', () => {
    const script = readSample('python/push_report.py');
    assert.match(script, /from prometheus_client import CollectorRegistry, Gauge, push_to_gateway/);
    assert.match(script, /push_to_gateway\("127\.0\.0\.1:9091", job="report_mailer", registry=registry\)/);
    assert.match(script, /"report_mailer_last_success_unixtime"/);
  });

  it('every sample script is executable', function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    for (const file of [...CLEAN_SCRIPTS, 'scripts/clean_logs.sh', 'python/push_report.py']) {
      assert.notEqual(fs.statSync(path.join(SAMPLES, file)).mode & 0o111, 0, `${file} is not executable`);
    }
  });
});
