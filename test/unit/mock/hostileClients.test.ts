import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { MockGateway, startMockGateway } from '../../../src/core/mock/server';

// Clients that misbehave at the connection level get an answer and lose their connection, so
// they hold no socket or file descriptor of the mock once it has answered them, even when they
// never close their side.

interface Ending {
  readonly answer: string;
  readonly socket: net.Socket;
}

/** Sends `head` and never closes its own side nor sends more; resolves when the server has ended its side. */
function sendAndKeepOpen(port: number, head: string): Promise<Ending> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const chunks: Buffer[] = [];
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve({ answer: Buffer.concat(chunks).toString('latin1'), socket }));
    socket.on('error', reject);
  });
}

/** Resolves once the gateway holds no client connection (polls its count; the suite's timeout bounds the wait). */
async function noConnectionsLeft(gateway: MockGateway): Promise<void> {
  while ((await gateway.openConnections()) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function statusOf(answer: string): number | undefined {
  const match = /^HTTP\/1\.[01] (\d{3}) /.exec(answer);
  return match ? Number(match[1]) : undefined;
}

describe('mock gateway: hostile clients', function () {
  let gateway: MockGateway;

  before(async () => {
    gateway = await startMockGateway({ port: 0, headerTimeoutMs: 300 });
  });

  after(async () => {
    await gateway.close();
  });

  it('frees the connection of a client whose request line it refused', async () => {
    const ending = await sendAndKeepOpen(gateway.port, 'NOT A REQUEST\r\n\r\n');
    assert.equal(statusOf(ending.answer), 400);
    await noConnectionsLeft(gateway);
    ending.socket.destroy();
  });

  it('frees the connection of a client whose unknown-method request it answered', async () => {
    const ending = await sendAndKeepOpen(gateway.port, 'BREW /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n');
    assert.ok(statusOf(ending.answer) !== undefined, ending.answer.slice(0, 100));
    await noConnectionsLeft(gateway);
    ending.socket.destroy();
  });

  it('answers 408 to a client that does not finish its request head, and frees its connection', async () => {
    const ending = await sendAndKeepOpen(gateway.port, 'GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    assert.equal(statusOf(ending.answer), 408, ending.answer.slice(0, 100));
    await noConnectionsLeft(gateway);
    ending.socket.destroy();
  });
});

/** Opens a connection, sends `count` pipelined GETs of `path` and never reads an answer. */
function pipelineWithoutReading(port: number, path: string, count: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.pause();
    socket.on('error', () => socket.destroy());
    socket.on('connect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`.repeat(count), (error) => (error ? reject(error) : resolve(socket))));
  });
}

function getStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(statusOf(Buffer.concat(chunks).toString('latin1')) ?? 0));
    socket.on('error', reject);
  });
}

function answeredMetricsRequests(gateway: MockGateway): number {
  return gateway.log.entries().filter((entry) => entry.path === '/metrics').length;
}

describe('mock gateway: pipelining clients that never read', function () {
  let gateway: MockGateway;

  before(async () => {
    gateway = await startMockGateway({ port: 0, maxPipelinedRequests: 1000 });
    // About 2 MB of /metrics: a few answers fill the connection's buffers.
    const body = Array.from({ length: 40_000 }, (_, i) => `wide_metric{i="${i}"} ${i}\n`).join('');
    const pushed = await fetch(`${gateway.url}/metrics/job/wide`, { method: 'PUT', body });
    assert.equal(pushed.status, 200);
  });

  after(async () => {
    await gateway.close();
  });

  it('renders the answers to 600 pipelined GETs one at a time as they are taken, and answers others meanwhile', async () => {
    const greedy = await pipelineWithoutReading(gateway.port, '/metrics', 600);
    assert.equal(await getStatus(gateway.port, '/-/healthy'), 200);
    // Before, all 600 answers (~1.2 GB) were rendered and buffered at once; now only those the
    // connection's buffers took (and the one waiting for them) are.
    assert.ok(answeredMetricsRequests(gateway) < 60, `${answeredMetricsRequests(gateway)} answers rendered`);
    greedy.destroy();
  });

  it('closes a connection with more requests waiting than maxPipelinedRequests', async () => {
    const bounded = await startMockGateway({ port: 0, maxPipelinedRequests: 10 });
    try {
      const socket = await pipelineWithoutReading(bounded.port, '/-/healthy', 50);
      await noConnectionsLeft(bounded);
      assert.ok(bounded.log.entries().length <= 11, `${bounded.log.entries().length} answered`);
      socket.destroy();
    } finally {
      await bounded.close();
    }
  });
});
