import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import packageJson from '../../../package.json';

const BUILT_CLI = path.resolve(__dirname, '../../../../dist/pgw.js');
const packageVersion = packageJson.version;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('pgw CLI', () => {
  it('prints usage on --help, -h and help, exit 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const { code, out, err } = await run(flag);
      assert.equal(code, 0);
      assert.match(out, /^Usage: pgw <command>/);
      assert.equal(err, '');
    }
  });

  it('prints the package version on --version', async () => {
    const { code, out } = await run('--version');
    assert.equal(code, 0);
    assert.equal(out, `${packageVersion}\n`);
  });

  it('answers an unknown command with usage on stderr and exit 2', async () => {
    const { code, out, err } = await run('frobnicate', 'x');
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /unknown command "frobnicate"/);
    assert.match(err, /Usage: pgw/);
  });

  it('answers an unknown option and no arguments with usage on stderr and exit 2', async () => {
    assert.match((await run('--frob')).err, /unknown option "--frob"/);
    const none = await run();
    assert.equal(none.code, 2);
    assert.match(none.err, /Usage: pgw/);
  });

  it('works as the built, executable dist/pgw.js', () => {
    const version = spawnSync(BUILT_CLI, ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), packageVersion);
    const unknown = spawnSync(process.execPath, [BUILT_CLI, 'nope'], { encoding: 'utf8' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "nope"/);
  });

  it('lints exposition files with dist/pgw.js alone, and loads dist/pgw-cli.js for everything else', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-lean-'));
    try {
      const lean = path.join(dir, 'pgw.js');
      fs.copyFileSync(BUILT_CLI, lean);
      const prom = path.join(dir, 'bad.prom');
      fs.writeFileSync(prom, 'backup_size_bytes{a="1"} 1\nbackup_size_bytes{a="1"} 2\n');
      const linted = spawnSync(process.execPath, [lean, 'lint', '--format', 'json', prom], { encoding: 'utf8' });
      assert.equal(linted.status, 1, linted.stderr);
      assert.match(linted.stdout, /"code": "duplicate-series"/);
      const usage = spawnSync(process.execPath, [lean, 'lint', '--format', 'xml', prom], { encoding: 'utf8' });
      assert.equal(usage.status, 2);
      assert.match(usage.stderr, /--format must be text or json/);
      // Without the rest of the CLI beside it, a shell script or another command cannot run.
      const script = path.join(dir, 'push.sh');
      fs.writeFileSync(script, 'echo hi\n');
      for (const args of [['lint', prom, script], ['--version']]) {
        const full = spawnSync(process.execPath, [lean, ...args], { encoding: 'utf8' });
        assert.notEqual(full.status, 0);
        assert.match(full.stderr, /pgw-cli\.js/);
      }
      fs.copyFileSync(path.join(path.dirname(BUILT_CLI), 'pgw-cli.js'), path.join(dir, 'pgw-cli.js'));
      const both = spawnSync(process.execPath, [lean, 'lint', prom, script], { encoding: 'utf8' });
      assert.equal(both.status, 1, both.stderr);
      assert.match(both.stdout, /bad\.prom:2:1: error duplicate-series/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
