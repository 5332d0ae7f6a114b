import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { ASYNC_WAIT_MS } from '../../gateway/client';
import { CONNECTION_CLOSED, isClosedWithoutAnswer, runTodayStep } from '../../gateway/todayClient';

// The today corpus's step runner (test/gateway/todayClient.ts) against a stand-in gateway.

/** A gateway that answers every push 202 and never applies it: /api/v1/metrics stays the same. */
async function gatewayThatNeverApplies(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.method === 'GET') {
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success","data":[]}');
      } else {
        response.writeHead(202).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('runTodayStep (the today corpus step runner)', () => {
  it('warns when a push answered 202 does not show in /api/v1/metrics in time, and keeps the answer', async function () {
    const gateway = await gatewayThatNeverApplies();
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const answer = await runTodayStep(gateway.port, { method: 'PUT', path: '/metrics/job/queued', body: 'x 1\n' });
      assert.equal(answer.status, 202);
    } finally {
      console.warn = warn;
      await gateway.close();
    }
    assert.deepEqual(warnings, [`PUT /metrics/job/queued was answered 202, but the push did not show in /api/v1/metrics within ${ASYNC_WAIT_MS / 1000} s`]);
  });

  it('turns a connection closed without an answer into status 0', async () => {
    const server = http.createServer((request) => request.socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const answer = await runTodayStep((server.address() as AddressInfo).port, { method: 'GET', path: '/metrics' });
      assert.deepEqual(answer, { status: 0, headers: {}, body: CONNECTION_CLOSED });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('isClosedWithoutAnswer: a reset or a hang-up, nothing else', () => {
    assert.ok(isClosedWithoutAnswer(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })));
    assert.ok(isClosedWithoutAnswer(new Error('socket hang up')));
    assert.ok(!isClosedWithoutAnswer(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })));
  });
});
