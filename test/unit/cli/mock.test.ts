import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { runMock } from '../../../src/cli/mockCommand';

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

describe('pgw mock', function () {
  this.timeout(15_000);

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
