import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileReader, FindingPrinter, runLint } from '../../../src/cli/lintCommand';
import { CliOutput } from '../../../src/cli/cliOutput';
import { Diagnostic } from '../../../src/core/exposition/diagnostic';

const CLEAN = '# HELP backup_size_bytes Size of the last backup.\n# TYPE backup_size_bytes gauge\nbackup_size_bytes 1024\n';
const WITH_TIMESTAMP = '# HELP backup_size_bytes Size.\n# TYPE backup_size_bytes gauge\nbackup_size_bytes 1024 1700000000000\n';
const ONLY_WARNINGS = 'backup_size_bytes 1024\n';

function fakeFiles(files: Record<string, string>, stdin = ''): FileReader {
  return {
    readFile: (file) => {
      if (!(file in files)) {
        throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
      }
      return Buffer.from(files[file]);
    },
    readStdin: () => Buffer.from(stdin),
  };
}

async function lint(args: string[], reader: FileReader) {
  let out = '';
  let err = '';
  const code = await runLint(args, { out: (t) => (out += t), err: (t) => (err += t) }, reader);
  return { code, out, err };
}

describe('pgw lint', () => {
  describe('--gateway-version and --utf8-names', () => {
    const QUOTED = '# HELP backup_size_bytes Size.\n# TYPE backup_size_bytes gauge\n{"backup_size_bytes", host="db-1"} 1024\n';
    const DOTTED = '{"backup.size.bytes"} 1024\n';

    it('follows Pushgateway 1.11 by default: a quoted name inside the braces is accepted', async () => {
      const { code, out } = await lint(['q.prom'], fakeFiles({ 'q.prom': QUOTED }));
      assert.equal(code, 0);
      assert.equal(out, '');
    });

    it('follows Pushgateway 1.5 when asked: the same document is refused, as 1.5.1 refuses it', async () => {
      const { code, out } = await lint(['--gateway-version', '1.5', 'q.prom'], fakeFiles({ 'q.prom': QUOTED }));
      assert.equal(code, 1);
      assert.match(out, /^q\.prom:3:1: error invalid-metric-name /m);
    });

    it('refuses a dotted name without --utf8-names, and accepts it (warning that promtool refuses it) with it', async () => {
      const legacy = await lint(['--gateway-version', '1.11', 'd.prom'], fakeFiles({ 'd.prom': DOTTED }));
      assert.equal(legacy.code, 1);
      assert.match(legacy.out, /error invalid-metric-name invalid metric name "backup\.size\.bytes"/);
      const utf8 = await lint(['--gateway-version', '1.11', '--utf8-names', 'd.prom'], fakeFiles({ 'd.prom': DOTTED }));
      assert.equal(utf8.code, 0);
      assert.match(utf8.out, /^d\.prom:1:2: warning utf8-name /m);
    });

    it('says which versions it knows and exits 2 on another, or on --utf8-names with 1.5', async () => {
      const unknown = await lint(['--gateway-version', '1.9', 'q.prom'], fakeFiles({ 'q.prom': QUOTED }));
      assert.equal(unknown.code, 2);
      assert.equal(unknown.err, 'pgw lint: --gateway-version must be 1.11 or 1.5, not "1.9" (1.9 and 1.10 lint as 1.11; 1.5 to 1.8 as 1.5)\n');
      const utf8On15 = await lint(['--gateway-version', '1.5', '--utf8-names', 'q.prom'], fakeFiles({ 'q.prom': QUOTED }));
      assert.equal(utf8On15.code, 2);
      assert.equal(utf8On15.err, 'pgw lint: --utf8-names needs --gateway-version 1.11: Pushgateway 1.5 has no UTF-8 names\n');
    });

    it('passes the target to the heredocs of shell scripts', async () => {
      const script = `#!/bin/sh\ncat <<EOF | curl --data-binary @- http://pg:9091/metrics/job/j\n${QUOTED}EOF\n`;
      assert.equal((await lint(['push.sh'], fakeFiles({ 'push.sh': script }))).code, 0);
      assert.equal((await lint(['--gateway-version', '1.5', 'push.sh'], fakeFiles({ 'push.sh': script }))).code, 1);
    });
  });

  it('exits 0 and prints nothing but the summary for a clean file', async () => {
    const { code, out, err } = await lint(['clean.prom'], fakeFiles({ 'clean.prom': CLEAN }));
    assert.equal(code, 0);
    assert.equal(out, '');
    assert.equal(err, '0 errors, 0 warnings, 0 other\n');
  });

  it('prints file:line:col: severity code message and exits 1 on an error', async () => {
    const { code, out } = await lint(['job.prom'], fakeFiles({ 'job.prom': WITH_TIMESTAMP }));
    assert.equal(code, 1);
    assert.match(out, /^job\.prom:3:24: error timestamp the Pushgateway rejects pushes with timestamps/m);
  });

  it('exits 0 when there are only warnings', async () => {
    const { code, out } = await lint(['w.prom'], fakeFiles({ 'w.prom': ONLY_WARNINGS }));
    assert.equal(code, 0);
    assert.match(out, /w\.prom:1:1: warning no-help /);
  });

  it('writes JSON with 1-based lines and columns', async () => {
    const { code, out } = await lint(['--format', 'json', 'job.prom'], fakeFiles({ 'job.prom': WITH_TIMESTAMP }));
    assert.equal(code, 1);
    const findings = JSON.parse(out);
    assert.deepEqual(findings, [
      {
        file: 'job.prom',
        line: 3,
        column: 24,
        endLine: 3,
        endColumn: 37,
        severity: 'error',
        code: 'timestamp',
        message: findings[0].message,
      },
    ]);
  });

  describe('streamed output', () => {
    /** An output that keeps each chunk `out` gets and counts how often the printer waited for it. */
    function recordingOutput() {
      const chunks: string[] = [];
      let err = '';
      let waits = 0;
      const output: CliOutput = {
        out: (text) => chunks.push(text),
        err: (text) => (err += text),
        outDrained: () => {
          waits++;
          return Promise.resolve();
        },
      };
      return { output, chunks, err: () => err, waits: () => waits };
    }

    it('prints the JSON of many findings in bounded chunks, as one JSON.stringify(findings, null, 2) of them would', async () => {
      const badLines = Array.from({ length: 4000 }, (_, i) => `bad metric ${i}\n`).join('');
      const recorded = recordingOutput();
      const code = await runLint(['--format', 'json', 'a.prom', 'b.prom'], recorded.output, fakeFiles({ 'a.prom': badLines, 'b.prom': WITH_TIMESTAMP }));
      assert.equal(code, 1);
      const out = recorded.chunks.join('');
      const findings = JSON.parse(out);
      assert.equal(findings.length, 4001);
      assert.equal(out, `${JSON.stringify(findings, null, 2)}\n`);
      assert.deepEqual([findings[0].file, findings[0].line, findings[3999].line, findings[4000].file, findings[4000].code], ['a.prom', 1, 4000, 'b.prom', 'timestamp']);
      assert.ok(recorded.chunks.length > 10, `${recorded.chunks.length} chunks`);
      assert.ok(Math.max(...recorded.chunks.map((chunk) => chunk.length)) < 70_000);
      assert.ok(recorded.waits() >= recorded.chunks.length - 1, 'it waits for the reader between chunks');
    });

    it('prints an empty JSON list and the text summary as before', async () => {
      const json = await lint(['--format', 'json', 'c.prom'], fakeFiles({ 'c.prom': CLEAN }));
      assert.deepEqual([json.code, json.out], [0, '[]\n']);
      const text = await lint(['c.prom', 't.prom', 'w.prom'], fakeFiles({ 'c.prom': CLEAN, 't.prom': WITH_TIMESTAMP, 'w.prom': ONLY_WARNINGS }));
      assert.equal(text.err, '1 error, 1 warning, 1 other\n');
    });

    it('prints 3 million findings as JSON without ever holding more than a chunk of text', async function () {
      this.timeout(120_000);
      const recorded = recordingOutput();
      let characters = 0;
      let objects = 0;
      let longest = 0;
      let head = '';
      let tail = '';
      recorded.output.out = (text) => {
        characters += text.length;
        longest = Math.max(longest, text.length);
        for (let at = text.indexOf('"code": '); at >= 0; at = text.indexOf('"code": ', at + 1)) {
          objects++;
        }
        head ||= text.slice(0, 29);
        tail = text.slice(-20);
      };
      const printer = new FindingPrinter(recorded.output, 'json');
      const finding: Diagnostic = { code: 'invalid-value', severity: 'error', span: { line: 0, start: 4, end: 9 }, message: 'expected a number' };
      const batch = Array.from({ length: 100_000 }, () => finding);
      for (let i = 0; i < 30; i++) {
        await printer.print('big.prom', batch);
      }
      printer.end();
      assert.equal(objects, 3_000_000);
      assert.equal(printer.errors, 3_000_000);
      assert.ok(characters > 2 ** 29, `${characters} characters: more than V8's longest string`);
      assert.ok(longest < 70_000);
      assert.equal(head, '[\n  {\n    "file": "big.prom",');
      assert.equal(tail, 'ted a number"\n  }\n]\n');
    });
  });

  it('reads standard input for -', async () => {
    const { code, out } = await lint(['-'], fakeFiles({}, 'bad metric\n'));
    assert.equal(code, 1);
    assert.match(out, /^<stdin>:1:5: error invalid-value /);
  });

  it('reports an unreadable file, still lints the others, and exits 2', async () => {
    const { code, out, err } = await lint(['missing.prom', 'job.prom'], fakeFiles({ 'job.prom': WITH_TIMESTAMP }));
    assert.equal(code, 2);
    assert.match(err, /cannot read missing\.prom: no such file/);
    assert.match(out, /job\.prom:3:24: error timestamp/);
  });

  it('follows --rule CODE=SEVERITY like the editor setting, and refuses a bad one with exit 2', async () => {
    const files = fakeFiles({ 'job.prom': WITH_TIMESTAMP, 'w.prom': ONLY_WARNINGS });
    const relaxed = await lint(['--rule', 'timestamp=warning', '--rule', 'no-help=off', 'job.prom', 'w.prom'], files);
    assert.equal(relaxed.code, 0);
    assert.match(relaxed.out, /^job\.prom:3:24: warning timestamp /m);
    assert.doesNotMatch(relaxed.out, /no-help/);
    for (const [bad, said] of [
      ['no-such-rule=off', /--rule: there is no rule "no-such-rule"/],
      ['no-help=loud', /--rule: "no-help" must be one of error, warning, info, hint, off, not "loud"/],
      ['no-help', /--rule takes CODE=SEVERITY/],
    ] as const) {
      const refused = await lint(['--rule', bad, 'w.prom'], files);
      assert.equal(refused.code, 2, bad);
      assert.match(refused.err, said);
      assert.equal(refused.out, '', 'linted despite a bad --rule');
    }
  });

  it('answers bad usage with a message and exit 2', async () => {
    assert.equal((await lint([], fakeFiles({}))).code, 2);
    const badFormat = await lint(['--format', 'xml', 'a.prom'], fakeFiles({ 'a.prom': CLEAN }));
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.err, /--format must be text or json/);
    const badOption = await lint(['--frob', 'a.prom'], fakeFiles({ 'a.prom': CLEAN }));
    assert.equal(badOption.code, 2);
    assert.match(badOption.err, /Unknown option '--frob'/);
  });

  it('lints the metric heredocs of a shell script, by extension or by #! line', async () => {
    const script = 'curl --data-binary @- http://gw:9091/metrics/job/x <<PROM\n# HELP x_total X.\n# TYPE x_total counter\nx_total $N 5\nPROM\n';
    const byExtension = await lint(['push.sh'], fakeFiles({ 'push.sh': script }));
    assert.equal(byExtension.code, 1);
    assert.equal(
      byExtension.out,
      'push.sh:4:12: error timestamp the Pushgateway rejects pushes with timestamps ("pushed metrics must not have timestamps"): remove it; the gateway records the push time itself\n',
    );
    const byShebang = await lint(['-'], fakeFiles({}, `#!/usr/bin/env bash\n${script}`));
    assert.match(byShebang.out, /^<stdin>:5:12: error timestamp/);
  });

  describe('file kinds', () => {
    const PYTHON =
      "import os\nfrom prometheus_client import CollectorRegistry, Gauge, push_to_gateway\n\nregistry = CollectorRegistry()\ng = Gauge('job_last_success_unixtime', 'Last success', registry=registry)\n";
    const GO = 'package main\n\nimport "github.com/prometheus/client_golang/prometheus/push"\n\nfunc main() {}\n';
    const YAML = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\n';

    it('never lints Python, Go or YAML as exposition: Python and Go get the client lint of their metrics, YAML only checked as a Prometheus configuration, exit 0', async () => {
      const files = fakeFiles({ 'push.py': PYTHON, 'main.go': GO, 'cron.yaml': YAML });
      const { code, out, err } = await lint(['push.py', 'main.go', 'cron.yaml'], files);
      assert.equal(code, 0, out);
      assert.equal(out, '');
      assert.doesNotMatch(err, /push\.py/);
      assert.doesNotMatch(err, /main\.go/);
      assert.doesNotMatch(err, /cron\.yaml/);
      assert.match(err, /^0 errors, 0 warnings, 0 other$/m);
    });

    it('skips a file of no known kind with a note, and still lints the others', async () => {
      const files = fakeFiles({ 'README.md': '# Backups\n', 'job.prom': WITH_TIMESTAMP });
      const { code, out, err } = await lint(['README.md', 'job.prom'], files);
      assert.equal(code, 1);
      assert.match(err, /skipped README\.md: not a known kind of file \(use --as exposition or --as shell to lint it\)/);
      assert.match(out, /^job\.prom:3:24: error timestamp/m);
      assert.doesNotMatch(out, /README/);
    });

    it('--as forces a kind on every file: exposition, shell, or one that is skipped', async () => {
      const asMetrics = await lint(['--as', 'exposition', 'dump.txt'], fakeFiles({ 'dump.txt': WITH_TIMESTAMP }));
      assert.equal(asMetrics.code, 1);
      assert.match(asMetrics.out, /^dump\.txt:3:24: error timestamp/m);
      const script = 'curl --data-binary @- http://gw:9091/metrics/job/x <<PROM\nx_total 1 5\nPROM\n';
      const asShell = await lint(['--as', 'shell', 'push-job'], fakeFiles({ 'push-job': script }));
      assert.match(asShell.out, /^push-job:2:11: error timestamp/m);
      const asPython = await lint(['--as', 'python', 'job.prom'], fakeFiles({ 'job.prom': WITH_TIMESTAMP }));
      assert.equal(asPython.code, 0);
      assert.equal(asPython.out, '');
    });

    it('refuses an --as it does not know, exit 2', async () => {
      const { code, err } = await lint(['--as', 'ruby', 'a.rb'], fakeFiles({ 'a.rb': 'puts 1\n' }));
      assert.equal(code, 2);
      assert.match(err, /--as must be exposition, shell, python, go, yaml, not "ruby"/);
    });
  });

  it('runs as `pgw lint` from the built CLI', () => {
    const cli = path.resolve(__dirname, '../../../../dist/pgw.js');
    const run = spawnSync(process.execPath, [cli, 'lint', '-'], { input: WITH_TIMESTAMP, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /<stdin>:3:24: error timestamp/);
  });

  it('warns about a metric heredoc whose delimiter line never comes, and not about a closed one', async () => {
    const unclosed = 'curl --data-binary @- http://gw:9091/metrics/job/x <<PROM\nx_total 1\necho done\n';
    const result = await lint(['push.sh'], fakeFiles({ 'push.sh': unclosed }));
    assert.match(result.out, /^push\.sh:1:52: warning unterminated-heredoc this heredoc is never closed: no line holds just PROM/m);
    assert.equal(result.code, 1, 'the echo line read as a sample is still refused');
    const closed = await lint(['push.sh'], fakeFiles({ 'push.sh': 'curl --data-binary @- http://gw:9091/metrics/job/x <<PROM\nx_total 1\nPROM\n' }));
    assert.doesNotMatch(closed.out, /unterminated-heredoc/);
    const off = await lint(['--rule', 'unterminated-heredoc=off', 'push.sh'], fakeFiles({ 'push.sh': unclosed }));
    assert.doesNotMatch(off.out, /unterminated-heredoc/);
  });

  it('checks a Prometheus configuration for honor_labels on a Pushgateway job', async () => {
    const config = "scrape_configs:\n  - job_name: batch\n    static_configs:\n      - targets: ['gw:9091']\n";
    const result = await lint(['prometheus.yml'], fakeFiles({ 'prometheus.yml': config }));
    assert.equal(result.code, 0);
    assert.match(result.out, /^prometheus\.yml:2:15: warning honor-labels scrape job "batch" scrapes a Pushgateway without honor_labels: true/);
    assert.equal((await lint(['--rule', 'honor-labels=error', 'prometheus.yml'], fakeFiles({ 'prometheus.yml': config }))).code, 1);
  });

  describe('exposition files read in blocks', () => {
    const DOCUMENTS: Record<string, Uint8Array> = {
      'utf8.prom': Buffer.from('# HELP température_total Température °C ✓ 😀.\n# TYPE température_total counter\ntempérature_total{lieu="café 😀"} 1\nb_total{x="é"} 2\n'),
      'bom.prom': Buffer.from('\ufeffbom_metric{a="é"} 1\nother 2'),
      'crlf.prom': Buffer.from('# TYPE crlf gauge\r\ncrlf{a="é"} 2\r\n'),
      'invalid-bytes.prom': Buffer.concat([Buffer.from('# HELP a x'), Buffer.from([0xff, 0xc3]), Buffer.from('\na{v="'), Buffer.from([0xe2, 0x82]), Buffer.from('"} 1\na 2\n')]),
      'returning-family.prom': Buffer.from('a{x="é"} 1\nb 1\na{x="é"} 1\n'),
      'broken.prom': Buffer.from('a{b=1} 1\nc{d="😀" 2\n'),
    };

    /** A reader that gives each file `size` bytes at a time, cutting UTF-8 sequences, CRLF and the BOM. */
    function blockReader(size: number): FileReader & { readFileInBlocks(path: string): Iterable<Uint8Array> } {
      return {
        readFile: (file) => DOCUMENTS[file],
        readStdin: () => Buffer.alloc(0),
        *readFileInBlocks(file) {
          const bytes = DOCUMENTS[file];
          for (let start = 0; start < bytes.length; start += size) {
            yield bytes.subarray(start, start + size);
          }
        },
      };
    }

    it('reads real files in blocks, and says so when one cannot be read', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-lint-blocks-'));
      try {
        const file = path.join(dir, 'a.prom');
        fs.writeFileSync(file, WITH_TIMESTAMP);
        fs.mkdirSync(path.join(dir, 'folder.prom'));
        let out = '';
        let err = '';
        const code = await runLint([file, path.join(dir, 'folder.prom'), path.join(dir, 'missing.prom')], { out: (t) => (out += t), err: (t) => (err += t) });
        assert.equal(code, 2);
        assert.match(out, /a\.prom:3:24: error timestamp/);
        assert.match(err, /cannot read .*folder\.prom: it is a directory/);
        assert.match(err, /cannot read .*missing\.prom: no such file/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('reads a pipe named as a file (/dev/stdin, a FIFO) whole, once: a document linted whole cannot read it a second time', () => {
      const cli = path.resolve(__dirname, '../../../../dist/pgw.js');
      // A family that comes back makes the document one that is linted whole.
      const input = 'a 1\nb 2\na 3\n';
      // Through a shell pipe: Node's own child stdin is a socket, which /dev/stdin cannot open.
      const lintOf = (file: string) =>
        spawnSync('sh', ['-c', 'printf "$1" | "$2" "$3" lint --format json --as exposition "$4"', 'sh', input, process.execPath, cli, file], { encoding: 'utf8', timeout: 60_000 });
      const fromDash = lintOf('-');
      const fromPipe = lintOf('/dev/stdin');
      assert.notEqual(JSON.parse(fromDash.stdout).length, 0);
      assert.equal(fromPipe.stdout, fromDash.stdout.replaceAll('"<stdin>"', '"/dev/stdin"'));
      assert.equal(fromPipe.status, fromDash.status);
    });

    for (const file of Object.keys(DOCUMENTS)) {
      it(`${file}: the findings of the file read whole`, async () => {
        const whole = await lint(['--format', 'json', '-'], { readFile: () => Buffer.alloc(0), readStdin: () => DOCUMENTS[file] });
        const expected = whole.out.replaceAll('"<stdin>"', JSON.stringify(file));
        assert.notEqual(JSON.parse(expected).length, 0);
        for (const size of [1, 2, 3, 7, 1 << 20]) {
          const inBlocks = await lint(['--format', 'json', file], blockReader(size));
          assert.equal(inBlocks.out, expected, `blocks of ${size} bytes`);
          assert.equal(inBlocks.code, whole.code);
        }
      });
    }
  });
});
