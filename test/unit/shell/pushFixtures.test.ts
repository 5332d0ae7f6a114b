import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileReader, runLint } from '../../../src/cli/lintCommand';
import { runPushes } from '../../../src/cli/pushesCommand';
import { lintShellScript, shellQuickFixesFor } from '../../../src/core/shell/lintShellScript';
import { treePushSitesOf } from '../../../src/core/shell/tree/pushSites';
import { loadShellParser, ShellParser } from '../../../src/core/shell/tree/shellParser';
import { folderReader, runCli } from '../../support/cliRun';

// Each fixture is a small script of our own, modelled on a push pattern seen in public scripts,
// with the sites `pgw pushes --format json` must report (NAME.pushes.json) and the findings
// `pgw lint` must print (NAME.lint.txt).
const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/shell/pushes');
const SCRIPTS = fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.sh'));

const fixtureReader = folderReader(FIXTURES);

function run(command: typeof runLint, args: string[], parser: ShellParser | undefined, reader: FileReader = fixtureReader) {
  return runCli(command, args, reader, parser);
}

describe('push sites on the shell parser: fixtures', () => {
  let parser: ShellParser;
  before(async function () {
    parser = await loadShellParser();
  });

  it('has fixtures', () => {
    assert.ok(SCRIPTS.length >= 10, SCRIPTS.join(', '));
  });

  for (const script of SCRIPTS) {
    const name = script.replace(/\.sh$/, '');
    it(`${script}: pgw pushes reports the expected sites`, async () => {
      const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.pushes.json`), 'utf8'));
      const { out } = await run(runPushes, ['--format', 'json', script], parser);
      assert.deepEqual(JSON.parse(out), expected);
    });
    it(`${script}: pgw lint gives the expected findings`, async () => {
      const expected = fs.readFileSync(path.join(FIXTURES, `${name}.lint.txt`), 'utf8');
      const { out, code } = await run(runLint, [script], parser);
      assert.equal(out, expected);
      assert.equal(code, /: error /.test(expected) ? 1 : 0);
    });
  }

  it('lints a body of a million characters sent by echo without overflowing the stack', async function () {
    const line = 'x 1\n'.repeat(250_000);
    const script = `echo '${line}' | curl --data-binary @- http://gw:9091/metrics/job/big\n`;
    const reader: FileReader = { readFile: () => Buffer.from(script), readStdin: () => Buffer.alloc(0) };
    const { code, err } = await run(runLint, ['big.sh'], parser, reader);
    assert.equal(code, 1, err);
  });

  it('without the parser, pgw lint gives the heredoc findings only, as before', async () => {
    const withParser = await run(runLint, ['echo-pipe.sh'], parser);
    const without = await run(runLint, ['echo-pipe.sh'], undefined);
    assert.match(withParser.out, /echo-pipe\.sh:6:33: error timestamp/);
    assert.equal(without.out, '');
  });

  it('offers @- as the quick fix of a piped body that @file makes curl ignore', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'file-instead-of-heredoc.sh'), 'utf8');
    const treeSites = treePushSitesOf(parser, text);
    assert.ok(treeSites);
    const lint = lintShellScript(text, { treeSites });
    const warning = lint.diagnostics.find((diagnostic) => diagnostic.code === 'push-stdin-ignored');
    assert.ok(warning);
    assert.deepEqual(warning.span, { line: 2, start: 31, end: 44 });
    const [fix] = shellQuickFixesFor(lint, warning);
    assert.deepEqual(fix.changes, [{ startLine: 2, startColumn: 31, endLine: 2, endColumn: 44, newText: '@-' }]);
  });

  it('loads the parser at the first shell script only: never for .prom files, --as exposition, --help or bad arguments', async () => {
    const reader: FileReader = {
      readFile: (name) => Buffer.from(name.endsWith('.sh') || name === 'bin/push-metrics' ? '#!/bin/sh\necho "x 1" | curl --data-binary @- http://gw/metrics/job/x\n' : 'x 1\n'),
      readStdin: () => Buffer.alloc(0),
    };
    const loads = async (command: typeof runLint, args: string[]) => (await run(command, args, parser, reader)).loads;
    assert.equal(await loads(runLint, ['job.prom', 'other.prom']), 0);
    assert.equal(await loads(runLint, ['--as', 'exposition', 'dump.txt']), 0);
    assert.equal(await loads(runLint, ['--help']), 0);
    assert.equal(await loads(runLint, ['--format', 'xml', 'push.sh']), 0);
    assert.equal(await loads(runPushes, ['--help']), 0);
    assert.equal(await loads(runPushes, ['--bogus', 'push.sh']), 0);
    assert.equal(await loads(runLint, ['--format', 'json', 'push.sh', 'other.sh']), 1);
    assert.equal(await loads(runLint, ['bin/push-metrics']), 1);
    assert.equal(await loads(runLint, ['--as', 'shell', 'job.prom']), 1);
    assert.equal(await loads(runPushes, ['push.sh', 'other.sh']), 1);
  });

  it('pgw pushes exits as pgw lint does under --rule, --gateway-version and --utf8-names', async () => {
    const exits = async (args: string[]) => [(await run(runPushes, args, parser)).code, (await run(runLint, args, parser)).code];
    // echo-pipe.sh's one error is a timestamp; the UTF-8 URL below is refused by legacy names only.
    assert.deepEqual(await exits(['echo-pipe.sh']), [1, 1]);
    assert.deepEqual(await exits(['--rule', 'timestamp=warning', 'echo-pipe.sh']), [0, 0]);
    assert.deepEqual(await exits(['--rule', 'bogus=off', 'echo-pipe.sh']), [2, 2]);
    assert.deepEqual(await exits(['--gateway-version', '1.5', '--utf8-names', 'echo-pipe.sh']), [2, 2]);
    const reader: FileReader = { readFile: () => Buffer.from('echo "x 1" | curl --data-binary @- http://gw/metrics/job/x/disk.name/sda\n'), readStdin: () => Buffer.alloc(0) };
    const exitsOn = async (args: string[]) => [(await run(runPushes, args, parser, reader)).code, (await run(runLint, args, parser, reader)).code];
    assert.deepEqual(await exitsOn(['utf8.sh']), [1, 1]);
    assert.deepEqual(await exitsOn(['--utf8-names', 'utf8.sh']), [0, 0]);
  });

  it('runs from the built CLI, the parser found beside dist/pgw.js', function () {
    const cli = path.resolve(__dirname, '../../../../dist/pgw.js');
    const pushes = spawnSync(process.execPath, [cli, 'pushes', '--format', 'json', path.join(FIXTURES, 'echo-pipe.sh')], { encoding: 'utf8' });
    assert.equal(pushes.status, 1, pushes.stderr);
    assert.doesNotMatch(pushes.stderr, /did not load/);
    assert.equal(JSON.parse(pushes.stdout).length, 5);
    const lint = spawnSync(process.execPath, [cli, 'lint', path.join(FIXTURES, 'echo-pipe.sh')], { encoding: 'utf8' });
    assert.match(lint.stdout, /echo-pipe\.sh:6:33: error timestamp/);
  });
});
