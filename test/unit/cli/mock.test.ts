import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runMock } from '../../../src/cli/mockCommand';
import { encodeDelimited } from '../../gateway/protobuf';

function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function capture() {
  const output = { out: '', err: '' };
  return { output, sink: { out: (t: string) => (output.out += t), err: (t: string) => (output.err += t) } };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `pgw mock` in-process until the returned stop() is called; resolves its URL once it listens. */
async function startCli(args: string[]): Promise<{ url: string; output: { out: string; err: string }; stop: () => Promise<number> }> {
  const { output, sink } = capture();
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const running = runMock(['--listen', '127.0.0.1:0', ...args], sink, stopped);
  await waitFor(() => output.out.includes('listening on'), 'the listening line');
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.out)?.[1] ?? '';
  return {
    url,
    output,
    stop: () => {
      stop();
      return running;
    },
  };
}

describe('pgw mock', function () {
  it('listens, logs each request, and stops when told', async () => {
    const { output, sink } = capture();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = runMock(['--listen', '127.0.0.1:0', '--log', 'json'], sink, stopped);
    await waitFor(() => output.out.includes('listening on'), 'the listening line');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.out)?.[1];
    assert.ok(url, output.out);
    const pushed = await fetch(`${url}/metrics/job/cli_test`, { method: 'PUT', body: '# TYPE a gauge\na 1\n' });
    assert.equal(pushed.status, 200);
    await waitFor(() => output.out.includes('cli_test'), 'the request in the log');
    stop();
    assert.equal(await running, 0);
    const entry = JSON.parse(output.out.split('\n').find((line) => line.includes('cli_test')) ?? '{}');
    assert.equal(entry.method, 'PUT');
    assert.equal(entry.status, 200);
    assert.deepEqual(entry.families, ['a']);
    await assert.rejects(fetch(`${url}/metrics`), 'the mock still answers after stopping');
  });

  it('logs family names in text quoted, so no control character reaches the terminal', async () => {
    const { output, sink } = capture();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = runMock(['--listen', '127.0.0.1:0', '--utf8-names'], sink, stopped);
    await waitFor(() => output.out.includes('listening on'), 'the listening line');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.out)?.[1];
    const body = encodeDelimited([{ name: 'evil\u001b[2Jname', type: 'GAUGE', metric: [{ gauge: { value: 1 } }] }]);
    const headers = { 'Content-Type': 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited' };
    const pushed = await fetch(`${url}/metrics/job/ctl`, { method: 'PUT', body, headers });
    assert.equal(pushed.status, 200, await pushed.text());
    await waitFor(() => output.out.includes('/metrics/job/ctl'), 'the request in the log');
    stop();
    assert.equal(await running, 0);
    const line = output.out.split('\n').find((text) => text.includes('/metrics/job/ctl')) ?? '';
    assert.ok(!line.includes('\u001b'), line);
    assert.ok(line.endsWith(' ["evil\\u001b[2Jname"]'), line);
  });

  it('logs in text the size of what was sent and of what was answered, each only when there was a body', async () => {
    const cli = await startCli([]);
    const body = '# TYPE a gauge\na 1\n';
    assert.equal((await fetch(`${cli.url}/metrics/job/sizes`, { method: 'PUT', body })).status, 200);
    const answer = await (await fetch(`${cli.url}/api/v1/metrics`)).text();
    assert.equal((await fetch(`${cli.url}/metrics/job/sizes`, { method: 'DELETE' })).status, 202);
    await waitFor(() => cli.output.out.includes('DELETE /metrics/job/sizes'), 'the delete in the log');
    assert.equal(await cli.stop(), 0);
    const line = (start: string) => (cli.output.out.split('\n').find((text) => text.includes(` ${start} `)) ?? '').replace(/^\S+ /, '');
    assert.equal(line('PUT'), `PUT /metrics/job/sizes 200 (${Buffer.byteLength(body)} bytes sent) ["a"]`);
    assert.equal(line('GET'), `GET /api/v1/metrics 200 (${Buffer.byteLength(answer)} bytes answered)`);
    assert.equal(line('DELETE'), 'DELETE /metrics/job/sizes 202');
  });

  it('says clearly when the port is taken, exit 1', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    const { output, sink } = capture();
    const code = await runMock(['--listen', `127.0.0.1:${port}`], sink, Promise.resolve());
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    assert.equal(code, 1);
    assert.match(output.err, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
  });

  it('answers bad arguments with usage and exit 2', async () => {
    for (const args of [['--listen', 'nonsense'], ['--log', 'xml'], ['--frob']]) {
      const { output, sink } = capture();
      assert.equal(await runMock(args, sink, Promise.resolve()), 2, args.join(' '));
      assert.match(output.err, /Usage: pgw mock/);
    }
  });

  describe('--gateway-version, --utf8-names, --disable-consistency-check', () => {
    async function statusOf(args: string[]): Promise<{ version: string; flags: Record<string, string> }> {
      const cli = await startCli(args);
      try {
        const answer = (await (await fetch(`${cli.url}/api/v1/status`)).json()) as { data: { build_information: { version: string }; flags: Record<string, string> } };
        return { version: answer.data.build_information.version, flags: answer.data.flags };
      } finally {
        assert.equal(await cli.stop(), 0);
      }
    }

    it('answers like 1.11.2 without switches by default, and says so', async () => {
      const cli = await startCli([]);
      assert.match(cli.output.out, /listening on http:\/\/127\.0\.0\.1:\d+ \(Pushgateway 1\.11\)\n/);
      assert.equal(await cli.stop(), 0);
      const { version, flags } = await statusOf([]);
      assert.equal(version, '1.11.2');
      assert.equal(flags['push.enable-utf8-names'], 'false');
      assert.equal(flags['push.disable-consistency-check'], 'false');
    });

    it('reports the chosen version and switches in /api/v1/status as the real gateway does', async () => {
      const utf8 = await statusOf(['--gateway-version', '1.11', '--utf8-names', '--disable-consistency-check']);
      assert.equal(utf8.version, '1.11.2');
      assert.equal(utf8.flags['push.enable-utf8-names'], 'true');
      assert.equal(utf8.flags['push.disable-consistency-check'], 'true');
      const old = await statusOf(['--gateway-version', '1.5', '--disable-consistency-check']);
      assert.equal(old.version, '1.5.1');
      assert.equal(old.flags['push.enable-utf8-names'], undefined, '1.5.1 has no such flag');
      assert.equal(old.flags['push.disable-consistency-check'], 'true');
    });

    it('refuses an unknown version, and UTF-8 names on 1.5, with a clear message and exit 2', async () => {
      const cases: [string[], RegExp][] = [
        [['--gateway-version', '1.12'], /--gateway-version must be 1\.11 or 1\.5, not "1\.12"/],
        [['--gateway-version', '1.5', '--utf8-names'], /--utf8-names needs --gateway-version 1\.11/],
      ];
      for (const [args, message] of cases) {
        const { output, sink } = capture();
        assert.equal(await runMock(args, sink, Promise.resolve()), 2, args.join(' '));
        assert.match(output.err, message);
        assert.match(output.err, /Usage: pgw mock/);
      }
    });
  });

  describe('with --persistence', () => {
    let dir: string;
    let file: string;

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-mock-cli-'));
      file = path.join(dir, 'state.json');
    });

    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('keeps the pushed groups across a restart', async () => {
      const first = await startCli(['--persistence', file, '--persistence-interval', '300']);
      assert.equal((await fetch(`${first.url}/metrics/job/kept/instance/a`, { method: 'PUT', body: '# TYPE a gauge\na 1\n' })).status, 200);
      const before = await (await fetch(`${first.url}/api/v1/metrics`)).text();
      assert.equal(await first.stop(), 0, first.output.err);
      const second = await startCli(['--persistence', file]);
      const after = await (await fetch(`${second.url}/api/v1/metrics`)).text();
      assert.equal(await second.stop(), 0, second.output.err);
      assert.equal(after, before);
      assert.match(after, /"job":"kept"/);
    });

    it('refuses a corrupt file with a clear message and exit 1, leaving it untouched', async () => {
      fs.writeFileSync(file, 'not json at all');
      const { output, sink } = capture();
      assert.equal(await runMock(['--listen', '127.0.0.1:0', '--persistence', file], sink, Promise.resolve()), 1);
      assert.equal(output.err, `pgw mock: the mock gateway's persistence file ${file} is corrupt: not valid JSON (${jsonError('not json at all')})\n`);
      assert.equal(fs.readFileSync(file, 'utf8'), 'not json at all');
    });

    it('answers bad persistence arguments with usage and exit 2', async () => {
      for (const args of [
        ['--persistence-interval', '10'],
        ['--persistence', file, '--persistence-interval', '0'],
        ['--persistence', file, '--persistence-interval', 'soon'],
        ['--persistence', ''],
      ]) {
        const { output, sink } = capture();
        assert.equal(await runMock(args, sink, Promise.resolve()), 2, args.join(' '));
        assert.match(output.err, /--persistence/);
        assert.match(output.err, /Usage: pgw mock/);
      }
    });

    it('writes the file before exiting on SIGTERM', async () => {
      const cli = path.resolve(__dirname, '../../../../dist/pgw.js');
      const child = spawn(process.execPath, [cli, 'mock', '--listen', '127.0.0.1:0', '--persistence', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await waitFor(() => out.includes('listening on'), 'the listening line');
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      assert.equal((await fetch(`${url}/metrics/job/signalled`, { method: 'PUT', body: 'b 2\n' })).status, 200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.match(fs.readFileSync(file, 'utf8'), /"signalled"/);
    });
  });

  it('takes the bounds from flags, and refuses bad values with usage and exit 2', async () => {
    const { url, stop } = await startCli(['--max-series', '2', '--max-body-bytes', '1000']);
    const tooMany = await fetch(`${url}/metrics/job/bounded`, { method: 'PUT', body: 'a 1\nb 2\nc 3\n' });
    assert.equal(tooMany.status, 413);
    assert.match(await tooMany.text(), /push has 3 series: the mock gateway accepts at most 2/);
    assert.equal((await fetch(`${url}/metrics/job/bounded`, { method: 'PUT', body: 'x'.repeat(1001) })).status, 413);
    assert.equal(await stop(), 0);
    for (const args of [
      ['--max-families', '0'],
      ['--max-series', 'many'],
      ['--header-timeout', '0'],
      ['--max-pipelined', '1.5'],
      ['--max-body-bytes', ''],
    ]) {
      const { output, sink } = capture();
      assert.equal(await runMock(args, sink, Promise.resolve()), 2, args.join(' '));
      assert.match(output.err, new RegExp(`pgw mock: ${args[0]} must be a`));
      assert.match(output.err, /Usage: pgw mock/);
    }
  });

  it('runs as `pgw mock` and stops on SIGTERM', async () => {
    const cli = path.resolve(__dirname, '../../../../dist/pgw.js');
    const child = spawn(process.execPath, [cli, 'mock', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitFor(() => out.includes('listening on'), 'the listening line');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
