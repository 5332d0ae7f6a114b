import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLEAN_USAGE, CleanEnvironment, resolveCredentials } from '../../../src/cli/cleanCommand';
import { runCli } from '../../../src/cli/main';
import { GatewayClient } from '../../../src/core/gateway/client';
import { MockGateway, startMockGateway } from '../../../src/core/mock';
import { formatGroupingLabels } from '../../../src/core/protocol/labelText';

const DAY = 86_400;
const NOW_MS = Date.UTC(2026, 0, 15);
const NOW = NOW_MS / 1000;

function environment(overrides: Partial<CleanEnvironment> = {}): CleanEnvironment & { questions: string[] } {
  const questions: string[] = [];
  return {
    env: {},
    homeDir: path.join(os.tmpdir(), 'pgw-clean-no-home'),
    interactive: false,
    ask: (question) => {
      questions.push(question);
      return Promise.resolve('n');
    },
    nowSeconds: () => NOW,
    questions,
    ...overrides,
  };
}

async function run(env: CleanEnvironment, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['clean', ...args], { out: (t) => (out += t), err: (t) => (err += t) }, env);
  return { code, out, err };
}

describe('pgw clean', function () {
  let gateway: MockGateway;
  let clockMs = NOW_MS;

  async function push(path: string, body: string, daysAgo: number): Promise<void> {
    clockMs = NOW_MS - daysAgo * DAY * 1000;
    const client = new GatewayClient({ baseUrl: gateway.url });
    const [job, ...labels] = path.split('/');
    const pairs: Record<string, string> = {};
    for (let index = 0; index < labels.length; index += 2) {
      pairs[labels[index]] = labels[index + 1];
    }
    const pushed = await client.push({ key: { job, labels: pairs }, body, method: 'PUT' });
    await client.close();
    assert.ok(pushed.ok, pushed.ok ? '' : pushed.error.message);
  }

  async function groupKeys(): Promise<string[]> {
    const client = new GatewayClient({ baseUrl: gateway.url });
    const groups = await client.groups();
    await client.close();
    assert.ok(groups.ok);
    return groups.value.map((group) => formatGroupingLabels(group.labels)).sort();
  }

  beforeEach(async () => {
    gateway = await startMockGateway({ port: 0, now: () => new Date(clockMs) });
    // Oldest first: the mock's write clock never runs backwards.
    await push('tmp_old/instance/a', 'x 1\n', 10);
    await push('tmp_bare', 'x 1\n', 10);
    await push('nightly', 'x 1\n', 9);
    await push('tmp_old/instance/b', 'x 1\n', 8);
    await push('tmp_new/instance/a', 'x 1\n', 1);
    await push('backup', `backup_last_success_unixtime ${NOW - 12 * DAY}\n`, 0);
    await push('fresh', 'x 1\n', 0);
    clockMs = NOW_MS;
  });

  afterEach(async () => {
    await gateway.close();
  });

  const ALL = ['job=backup', 'job=fresh', 'job=nightly', 'job=tmp_bare', 'job=tmp_new instance=a', 'job=tmp_old instance=a', 'job=tmp_old instance=b'];

  it('lists with --dry-run what would go, with ages, and changes nothing', async () => {
    const { code, out, err } = await run(environment(), '--gateway', gateway.url, '--older-than', '7d', '--dry-run');
    assert.equal(err, '');
    assert.equal(code, 0);
    assert.match(out, /5 of 7 group\(s\) on http:\/\/127\.0\.0\.1:\d+ would go:/);
    assert.match(out, /job=backup +last success \(backup_last_success_unixtime\) 12 d ago/);
    assert.match(out, /job=tmp_old instance=b +last push 8 d ago/);
    assert.doesNotMatch(out, /fresh|tmp_new/);
    assert.match(out, /Dry run: nothing deleted\./);
    assert.deepEqual(await groupKeys(), ALL);
    assert.equal(gateway.log.entries().filter((entry) => entry.method === 'DELETE').length, 0);
  });

  it('deletes with --yes exactly the groups older than the threshold and matching a selector', async () => {
    const { code, out, err } = await run(environment(), '--gateway', gateway.url, '--older-than', '7d', '--match', '{job=~"tmp_.*", instance!=""}', '--yes');
    assert.equal(err, '');
    assert.equal(code, 0);
    assert.match(out, /Deleted 2 group\(s\)\./);
    assert.deepEqual(await groupKeys(), ['job=backup', 'job=fresh', 'job=nightly', 'job=tmp_bare', 'job=tmp_new instance=a']);
  });

  it('deletes the groups matching any of several selectors', async () => {
    const { code } = await run(environment(), '--gateway', gateway.url, '--match', 'job="nightly"', '--match', 'job=~"tmp_n.*"', '--yes');
    assert.equal(code, 0);
    assert.deepEqual(await groupKeys(), ['job=backup', 'job=fresh', 'job=tmp_bare', 'job=tmp_old instance=a', 'job=tmp_old instance=b']);
  });

  it('answers a bad selector with a clear error and exit 2, before it talks to the gateway', async () => {
    const { code, out, err } = await run(environment(), '--gateway', gateway.url, '--match', 'job=~"tmp_(.*"', '--yes');
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /^pgw clean: --match: bad selector job=~"tmp_\(\.\*": the regular expression "tmp_\(\.\*" of "job" cannot be used/);
    assert.equal(gateway.log.entries().filter((entry) => entry.method !== 'PUT').length, 0);
    assert.deepEqual(await groupKeys(), ALL);
  });

  it('answers usage errors with exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--older-than', '7d'], /--gateway URL is required/],
      [['--gateway', gateway.url], /--older-than DURATION and\/or --match SELECTOR/],
      [['--gateway', gateway.url, '--older-than', '7 days'], /--older-than: "7 days" is not a duration/],
      [['--gateway', gateway.url.replace('http://', 'http://u:secret@'), '--older-than', '7d'], /must not hold credentials/],
      [['--gateway', gateway.url, '--older-than', '7d', '--password', 'x'], /Unknown option '--password'/],
      [['--gateway', gateway.url, '--older-than', '7d', '--dry-run', '--yes'], /contradict/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await run(environment(), ...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, message, args.join(' '));
    }
    assert.deepEqual(await groupKeys(), ALL);
  });

  it('answers an argument it cannot parse with the reason, the usage and exit 2, as every pgw command does', async () => {
    const cases: Array<[string[], string]> = [
      [['--gateway', gateway.url, '--older-than', '7d', '--password', 'x'], "Unknown option '--password'"],
      [['--gateway', gateway.url, '--older-than', '7d', 'stray'], "Unexpected argument 'stray'"],
      [['--older-than', '7d', '--gateway'], "Option '--gateway <value>' argument missing"],
    ];
    for (const [args, reason] of cases) {
      const { code, out, err } = await run(environment(), ...args);
      assert.equal(code, 2, args.join(' '));
      assert.equal(out, '', args.join(' '));
      assert.ok(err.startsWith(`pgw clean: ${reason}`), err);
      assert.ok(err.endsWith(`\n\n${CLEAN_USAGE}`), err);
    }
    const help = await run(environment(), '--help');
    assert.deepEqual(help, { code: 0, out: CLEAN_USAGE, err: '' });
  });

  it('refuses to delete without --yes when not on a terminal', async () => {
    const { code, out, err } = await run(environment(), '--gateway', gateway.url, '--older-than', '7d');
    assert.equal(code, 2);
    assert.match(out, /5 of 7 group\(s\)/);
    assert.match(err, /not on a terminal, so nothing deleted: add --yes/);
    assert.deepEqual(await groupKeys(), ALL);
  });

  it('asks on a terminal, and deletes only on yes', async () => {
    const declined = environment({ interactive: true });
    const no = await run(declined, '--gateway', gateway.url, '--match', 'job="nightly"');
    assert.equal(no.code, 0);
    assert.deepEqual(declined.questions, [`Delete 1 group(s) from ${gateway.url}? [y/N] `]);
    assert.match(no.out, /Nothing deleted\./);
    assert.deepEqual(await groupKeys(), ALL);
    const yes = await run(environment({ interactive: true, ask: () => Promise.resolve('y\n') }), '--gateway', gateway.url, '--match', 'job="nightly"');
    assert.equal(yes.code, 0);
    assert.deepEqual(
      await groupKeys(),
      ALL.filter((key) => key !== 'job=nightly'),
    );
  });

  it('says so when nothing is to do, exit 0', async () => {
    const { code, out } = await run(environment(), '--gateway', gateway.url, '--older-than', '30d', '--yes');
    assert.equal(code, 0);
    assert.match(out, /^No group on http:\/\/127\.0\.0\.1:\d+ to clean up \(7 group\(s\) checked\)\.\n$/);
  });

  it('exits 1 when the gateway cannot be read', async () => {
    const url = gateway.url;
    await gateway.close();
    gateway = await startMockGateway({ port: 0 });
    const { code, err } = await run(environment(), '--gateway', url, '--older-than', '7d', '--yes');
    assert.equal(code, 1);
    assert.match(err, /cannot read the groups of .*connection refused/);
  });
});

describe('pgw clean credentials', () => {
  it('sends the credentials of the environment to a gateway that asks for them, and exits 1 without them', async () => {
    const guarded = await startMockGateway({ port: 0, auth: { user: 'ci', password: 's3cret-pw' } });
    try {
      const refused = await run(environment(), '--gateway', guarded.url, '--older-than', '7d', '--yes');
      assert.equal(refused.code, 1);
      assert.match(refused.err, /cannot read the groups of .*401/);
      const allowed = await run(environment({ env: { PGW_USER: 'ci', PGW_PASSWORD: 's3cret-pw' } }), '--gateway', guarded.url, '--older-than', '7d', '--yes');
      assert.equal(allowed.err, '');
      assert.equal(allowed.code, 0);
      assert.match(allowed.out, /^No group on .* to clean up \(0 group\(s\) checked\)/);
      assert.doesNotMatch(allowed.out + allowed.err, /s3cret-pw/);
    } finally {
      await guarded.close();
    }
  });

  const netrcDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-netrc-'));
  const netrc = path.join(netrcDir, 'netrc');
  fs.writeFileSync(netrc, 'machine other login o password op\nmachine gw.example\n  login ci\n  password "s3 cret"\ndefault login anon password none\n');

  it('takes PGW_BEARER_TOKEN or PGW_USER/PGW_PASSWORD from the environment', () => {
    assert.deepEqual(resolveCredentials('http://gw.example:9091', netrc, environment({ env: { PGW_BEARER_TOKEN: 't' } })), { ok: true, value: { kind: 'bearer', token: 't' } });
    assert.deepEqual(resolveCredentials('http://gw.example:9091', netrc, environment({ env: { PGW_USER: 'u', PGW_PASSWORD: 'p' } })), { ok: true, value: { kind: 'basic', user: 'u', password: 'p' } });
    assert.equal(resolveCredentials('http://gw.example', undefined, environment({ env: { PGW_USER: 'u', PGW_BEARER_TOKEN: 't' } })).ok, false);
  });

  it('else reads the netrc entry of the host, or its default', () => {
    assert.deepEqual(resolveCredentials('http://gw.example:9091', netrc, environment()), { ok: true, value: { kind: 'basic', user: 'ci', password: 's3 cret' } });
    assert.deepEqual(resolveCredentials('https://elsewhere', netrc, environment()), { ok: true, value: { kind: 'basic', user: 'anon', password: 'none' } });
  });

  it('reads ~/.netrc when it exists, and goes without credentials when it does not', () => {
    fs.copyFileSync(netrc, path.join(netrcDir, '.netrc'));
    assert.deepEqual(resolveCredentials('http://other', undefined, environment({ homeDir: netrcDir })), { ok: true, value: { kind: 'basic', user: 'o', password: 'op' } });
    assert.deepEqual(resolveCredentials('http://other', undefined, environment()), { ok: true, value: undefined });
  });

  it('refuses a --netrc file it cannot read', () => {
    const missing = resolveCredentials('http://other', path.join(netrcDir, 'missing'), environment());
    assert.equal(missing.ok, false);
    assert.match(missing.ok ? '' : missing.error, /--netrc: cannot read .*missing/);
  });

  it('names the default netrc file it cannot read, in a few words', () => {
    fs.mkdirSync(path.join(netrcDir, 'home-with-dir', '.netrc'), { recursive: true });
    const unreadable = resolveCredentials('http://other', undefined, environment({ homeDir: path.join(netrcDir, 'home-with-dir') }));
    assert.equal(unreadable.ok ? '' : unreadable.error, `the default netrc file: cannot read ${path.join(netrcDir, 'home-with-dir', '.netrc')}: it is a directory`);
  });
});
