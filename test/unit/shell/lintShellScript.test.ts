import * as assert from 'node:assert/strict';
import { lintShellScript, shellQuickFixesFor } from '../../../src/core/shell/lintShellScript';

function findings(script: string): string[] {
  return lintShellScript(script).diagnostics.map((d) => `${d.span.line}:${d.span.start}-${d.span.end} ${d.severity} ${d.code}`);
}

const CLEAN_WITH_VARIABLES = [
  '#!/bin/bash',
  'size=$(stat -c %s /backup.sql)',
  'cat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/backup_db/instance/$(hostname)"',
  '# HELP backup_db_size_bytes Size of the last backup.',
  '# TYPE backup_db_size_bytes gauge',
  'backup_db_size_bytes{database="${DB:-orders}"} $size',
  '# HELP backup_db_last_success_unixtime Last success.',
  '# TYPE backup_db_last_success_unixtime gauge',
  'backup_db_last_success_unixtime $(date +%s)',
  'EOF',
  '',
].join('\n');

describe('shell script linting', () => {
  it('finds nothing in a correct heredoc whose values are shell expansions', () => {
    assert.deepEqual(findings(CLEAN_WITH_VARIABLES), []);
  });

  it("reports mistakes on the script's own lines and columns", () => {
    const script = [
      'echo start',
      'curl -X PUT --data-binary @- http://gw:9091/metrics/job/cleanup <<PROM',
      '# HELP cleanup_deleted_total Files deleted.',
      '# TYPE cleanup_deleted_total counter',
      'cleanup_deleted_total $COUNT 1700000000000',
      '# HELP cleanup_errors Errors.',
      '# TYPE cleanup_errors gauge',
      'cleanup_errors 1e400',
      'PROM',
      '',
    ].join('\n');
    assert.deepEqual(findings(script), ['4:29-42 error timestamp', '7:15-20 error invalid-value']);
  });

  it('maps columns of a <<- heredoc past the stripped tabs', () => {
    const script = 'curl --data-binary @- http://gw/metrics/job/x <<-METRICS\n\t\tx_total 1 5\n\tMETRICS\n';
    assert.ok(findings(script).includes('1:12-13 error timestamp'), findings(script).join('\n'));
  });

  it('counts the grouping labels of a literal URL as URL labels', () => {
    const script = 'cat <<EOF | curl --data-binary @- http://gw/metrics/job/x/instance/db1\n# HELP a A.\n# TYPE a gauge\na{instance="other"} 1\nEOF\n';
    assert.deepEqual(findings(script), ['3:2-10 warning url-label-in-body']);
  });

  it('flags a literal push URL that the gateway refuses', () => {
    const script = 'cat <<EOF | curl --data-binary @- http://gw/metrics/job/x/instance\n# HELP a A.\n# TYPE a gauge\na 1\nEOF\n';
    assert.deepEqual(findings(script), ['0:34-66 error push-url']);
  });

  it('checks a heredoc push URL with a variable base as far as it is written, like an echo pipe to it', () => {
    const url = '"$PGW/metrics/job/x/instance"';
    const heredoc = `cat <<EOF | curl --data-binary @- ${url}\n# HELP a A.\n# TYPE a gauge\na 1\nEOF\n`;
    const message = (script: string) => lintShellScript(script).diagnostics.find((diagnostic) => diagnostic.code === 'push-url')?.message;
    assert.deepEqual(findings(heredoc), ['0:34-63 error push-url']);
    assert.match(message(heredoc) ?? '', /refuses this push URL: odd number of components/);
  });

  it('calls an odd component count certain only when every expansion in the path holds one segment', () => {
    const severity = (path: string) => lintShellScript(`cat <<EOF | curl --data-binary @- "http://gw:9091/metrics/job/${path}"\nx 1\nEOF\n`).diagnostics.find((d) => d.code === 'push-url')?.severity;
    assert.equal(severity('backup/${DB}'), 'error');
    assert.equal(severity('backup/db-$N'), 'error');
    assert.equal(severity('backup/$1'), 'error');
    assert.equal(severity('backup/$LABELS'), 'warning');
    assert.equal(severity('backup/${DB:-main}'), 'warning');
    assert.equal(severity('backup/$(hostname)'), 'warning');
    assert.equal(severity('$JOB/db/${DB}'), undefined);
  });

  it('reports an unquoted label value even when an expansion follows in it, and none that starts with one', () => {
    const script = (value: string) => `cat <<EOF | curl --data-binary @- http://gw/metrics/job/x\n# HELP a A.\n# TYPE a gauge\na{host=${value}} 1\nEOF\n`;
    assert.deepEqual(findings(script('db-$N')), ['3:7-12 error expected-quote']);
    assert.deepEqual(findings(script('$HOST')), []);
  });

  it('warns on a per-run value in the grouping key, on the expansion itself', () => {
    const script = 'cat <<EOF | curl --data-binary @- "$PGW/metrics/job/backup/run/$RANDOM"\n# HELP a A.\n# TYPE a gauge\na 1\nEOF\n';
    assert.deepEqual(findings(script), ['0:63-70 warning per-run-grouping-key']);
    assert.deepEqual(lintShellScript(script, { severities: { 'per-run-grouping-key': 'off' } }).diagnostics, []);
    const cronJob = '# runs as a Kubernetes CronJob\n' + script.replace('run/$RANDOM', 'instance/$HOSTNAME');
    assert.deepEqual(findings(cronJob), ['1:68-77 warning per-run-grouping-key']);
    assert.deepEqual(findings(cronJob.slice(cronJob.indexOf('\n') + 1)), []);
  });

  it('ignores heredocs that do not feed a push', () => {
    assert.deepEqual(findings('cat <<EOF > config.yml\nnot metrics at all {\nEOF\n'), []);
  });

  it('lints a heredoc whose delimiter says it holds metrics', () => {
    const errors = findings('cat > /var/lib/node_exporter/x.prom <<METRICS\nx 1 2\nMETRICS\n').filter((f) => f.includes('error'));
    assert.deepEqual(errors, ['1:4-5 error timestamp']);
  });

  it('lints each heredoc for the target of the gateway its URL names, else for the given target', () => {
    const script = [
      'cat <<EOF | curl --data-binary @- http://utf8:9091/metrics/job/backup',
      '# HELP "backup.size.bytes" Size of the last backup.',
      '# TYPE "backup.size.bytes" gauge',
      '{"backup.size.bytes"} 1',
      'EOF',
      '',
    ].join('\n');
    const utf8 = { version: '1.11', utf8Names: true, consistencyCheckDisabled: false } as const;
    const codes = (lint: ReturnType<typeof lintShellScript>) => lint.diagnostics.map((d) => `${d.severity} ${d.code}`);
    // For a gateway with UTF-8 names, only the warning that promtool would still refuse the name.
    assert.deepEqual(codes(lintShellScript(script, { targetOf: (heredoc) => (heredoc.push?.url.startsWith('http://utf8:9091/') ? utf8 : undefined) })), ['warning utf8-name']);
    assert.deepEqual(codes(lintShellScript(script, { target: utf8, targetOf: () => undefined })), ['warning utf8-name']);
    assert.deepEqual(codes(lintShellScript(script)), ['error invalid-metric-name', 'error invalid-metric-name', 'error invalid-metric-name']);
  });

  it('reads the label names of a push URL by the target: UTF-8 names are refused by a legacy gateway only', () => {
    const script = ['cat <<EOF | curl --data-binary @- http://gw:9091/metrics/job/backup/disk.name/sda', 'backup_ok 1', 'EOF', ''].join('\n');
    const utf8 = { version: '1.11', utf8Names: true, consistencyCheckDisabled: false } as const;
    const urlFindings = (lint: ReturnType<typeof lintShellScript>) => lint.diagnostics.filter((d) => d.code === 'push-url').map((d) => d.severity);
    assert.deepEqual(urlFindings(lintShellScript(script)), ['error']);
    assert.deepEqual(urlFindings(lintShellScript(script, { target: utf8 })), []);
    assert.deepEqual(urlFindings(lintShellScript(script, { targetOf: () => utf8 })), []);
  });
});

describe('quick fixes in shell scripts', () => {
  /** The script after applying the first fix of the finding with this code (single-line changes). */
  function fixedScript(script: string, code: string): string | undefined {
    const lint = lintShellScript(script);
    const diagnostic = lint.diagnostics.find((d) => d.code === code);
    assert.ok(diagnostic, `no ${code} finding`);
    const [fix] = shellQuickFixesFor(lint, diagnostic);
    if (!fix) {
      return undefined;
    }
    const lines = script.split('\n');
    for (const change of [...fix.changes].sort((a, b) => b.startLine - a.startLine || b.startColumn - a.startColumn)) {
      assert.equal(change.startLine, change.endLine);
      const line = lines[change.startLine];
      lines[change.startLine] = line.slice(0, change.startColumn) + change.newText + line.slice(change.endColumn);
    }
    return lines.join('\n');
  }

  const script = (...body: string[]) => ['cat <<-EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/j"', ...body, '\tEOF', ''].join('\n');

  it("applies the exposition fixes on the script's own lines, past the tabs <<- strips", () => {
    assert.equal(fixedScript(script('\t# TYPE a_total countr', '\ta_total $n'), 'unknown-type'), script('\t# TYPE a_total counter', '\ta_total $n'));
    assert.equal(fixedScript(script('\t# TYPE a gauge', '\ta $size 1700000000000'), 'timestamp'), script('\t# TYPE a gauge', '\ta $size'));
  });

  it('inserts HELP/TYPE lines and renames a counter inside a heredoc, leaving expansions as written', () => {
    assert.equal(fixedScript(script('\tsize_bytes{db="$DB"} $n'), 'missing-type'), script('\t# HELP size_bytes TODO: what this measures.', '# TYPE size_bytes gauge', 'size_bytes{db="$DB"} $n'));
    assert.equal(
      fixedScript(script('\t# HELP jobs Jobs.', '\t# TYPE jobs counter', '\tjobs{q="$Q"} $n'), 'counter-total-suffix'),
      script('\t# HELP jobs_total Jobs.', '\t# TYPE jobs_total counter', '\tjobs_total{q="$Q"} $n'),
    );
  });
});
