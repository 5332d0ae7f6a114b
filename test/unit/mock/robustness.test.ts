import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import * as zlib from 'node:zlib';
import { MockGateway, startMockGateway } from '../../../src/core/mock/server';
import { Group } from '../../../src/core/mock/store/store';
import { GroupingLabels } from '../../../src/core/mock/store/sanitize';

// The mock gateway under hostile input and concurrent writers: malformed HTTP never crashes it nor
// stops it from serving the next request, oversized bodies are refused, and concurrent pushes and
// deletes leave every group in a state some serial order of the requests would produce.

const CONCURRENT = 200;
const BOOKKEEPING = new Set(['push_time_seconds', 'push_failure_time_seconds']);

interface Answer {
  readonly status: number;
  readonly text: string;
}

/** Sends raw bytes (in pieces, or half-closing after them) and returns what the server answers before it closes. */
function rawExchange(port: number, pieces: readonly (string | Buffer)[], options: { end?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('connect', () => {
      for (const piece of pieces) {
        socket.write(piece);
      }
      if (options.end ?? true) {
        socket.end();
      }
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may close or reset while the client is still writing (an oversized head): what
    // arrived until then is the answer.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

/** Sends the head and part of a declared body, then destroys the connection. */
function abortMidBody(port: number, head: string, partialBody: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(head + partialBody, () => setTimeout(() => socket.destroy(), 20));
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => resolve());
  });
}

function statusOf(rawAnswer: string): number | undefined {
  const match = /^HTTP\/1\.[01] (\d{3}) /.exec(rawAnswer);
  return match ? Number(match[1]) : undefined;
}

/** A 4xx answer, or a close without an answer. */
function assertRefused(rawAnswer: string, what: string): void {
  const status = statusOf(rawAnswer);
  assert.ok(rawAnswer === '' || (status !== undefined && status >= 400 && status < 500), `${what}: ${JSON.stringify(rawAnswer.slice(0, 200))}`);
}

function send(gateway: MockGateway, agent: http.Agent, method: string, path: string, body?: Buffer | string, headers: http.OutgoingHttpHeaders = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: gateway.port, method, path, agent, headers: { 'Content-Type': 'text/plain; version=0.0.4', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The gateway still answers: a push is stored and /-/healthy is 200. */
async function assertServing(gateway: MockGateway, agent: http.Agent): Promise<void> {
  assert.equal((await send(gateway, agent, 'GET', '/-/healthy')).status, 200);
  assert.equal((await send(gateway, agent, 'PUT', '/metrics/job/alive', 'alive 1\n')).status, 200);
  assert.ok(gateway.store.group({ job: 'alive' }) !== undefined);
}

/** The group's families without the gateway's bookkeeping, as `name value` lines, sorted. */
function pushedSamples(group: Group | undefined): string[] {
  if (group === undefined) {
    return [];
  }
  const lines: string[] = [];
  for (const [name, stored] of group.families) {
    if (!BOOKKEEPING.has(name)) {
      for (const metric of stored.family.metrics) {
        lines.push(`${name} ${metric.gauge?.value ?? metric.untyped?.value ?? metric.counter?.value}`);
      }
    }
  }
  return lines.sort();
}

/** Body i: three families that all carry i, so a mixture of two bodies shows. */
function sameGroupBody(i: number): string {
  return `# TYPE run_id gauge\nrun_id ${i}\n# TYPE run_items gauge\nrun_items ${i}\n# TYPE run_marker_${i} gauge\nrun_marker_${i} ${i}\n`;
}

function sameGroupSamples(i: number): string[] {
  return [`run_id ${i}`, `run_items ${i}`, `run_marker_${i} ${i}`].sort();
}

/** Which body the group holds exactly, or undefined when it holds none of them exactly. */
function matchingBody(group: Group | undefined, count: number): number | undefined {
  const samples = pushedSamples(group).join('\n');
  const candidate = Number(/^run_id (\d+)$/m.exec(samples)?.[1]);
  return Number.isInteger(candidate) && candidate < count && samples === sameGroupSamples(candidate).join('\n') ? candidate : undefined;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

const JOB_SAME: GroupingLabels = { job: 'same' };

describe('mock gateway: robustness', function () {
  let gateway: MockGateway;
  let agent: http.Agent;

  beforeEach(() => {
    agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENT + 10 });
  });

  afterEach(async () => {
    agent.destroy();
    await gateway?.close();
  });

  describe('malformed HTTP on a raw socket', () => {
    beforeEach(async () => {
      gateway = await startMockGateway({ port: 0 });
    });

    it('refuses a garbage request line and keeps serving', async () => {
      assertRefused(await rawExchange(gateway.port, ['\x00\x01garbage \xff\xfe nonsense\r\n\r\n']), 'garbage line');
      assertRefused(await rawExchange(gateway.port, ['GET\r\n\r\n']), 'request line without target');
      await assertServing(gateway, agent);
    });

    it('refuses an invalid header and keeps serving', async () => {
      assertRefused(await rawExchange(gateway.port, ['PUT /metrics/job/h HTTP/1.1\r\nHost: x\r\nNo colon here\r\nContent-Length: 4\r\n\r\na 1\n']), 'header without colon');
      assertRefused(await rawExchange(gateway.port, ['PUT /metrics/job/h HTTP/1.1\r\nHost: x\r\nBad\x01Name: 1\r\nContent-Length: 4\r\n\r\na 1\n']), 'control byte in a header name');
      assertRefused(await rawExchange(gateway.port, ['PUT /metrics/job/h HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\na 1\n']), 'two content lengths');
      assert.equal(gateway.store.group({ job: 'h' }), undefined);
      await assertServing(gateway, agent);
    });

    it('refuses a request line over 1 MiB (431 or close) and keeps serving', async () => {
      const answer = await rawExchange(gateway.port, [`GET /metrics/job/${'a'.repeat(1024 * 1024 + 10)} HTTP/1.1\r\nHost: x\r\n\r\n`]);
      assertRefused(answer, 'huge request line');
      assert.ok(answer === '' || statusOf(answer) === 431, answer.slice(0, 100));
      await assertServing(gateway, agent);
    });

    it('refuses an invalid chunked body, stores nothing and keeps serving', async () => {
      const head = 'PUT /metrics/job/chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n';
      assertRefused(await rawExchange(gateway.port, [head, 'zz\r\na 1\n\r\n0\r\n\r\n']), 'chunk size not hex');
      assertRefused(await rawExchange(gateway.port, [head, '4\r\na 1\nEXTRA\r\n0\r\n\r\n']), 'chunk longer than its size');
      assertRefused(await rawExchange(gateway.port, [head, '4\r\na 1\n\r\n']), 'chunked body cut before the last chunk');
      assert.equal(gateway.store.group({ job: 'chunked' }), undefined);
      await assertServing(gateway, agent);
    });

    it('stores nothing from a connection closed mid-body and keeps serving', async () => {
      const head = 'PUT /metrics/job/cut HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n';
      assertRefused(await rawExchange(gateway.port, [head, 'cut 1\n']), 'half-closed mid-body');
      await abortMidBody(gateway.port, head, 'cut 1\n');
      assert.equal(gateway.store.group({ job: 'cut' }), undefined);
      await assertServing(gateway, agent);
    });

    it('survives a burst of connections reset mid-request', async () => {
      const head = 'POST /metrics/job/reset HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n';
      await Promise.all(range(50).map((i) => abortMidBody(gateway.port, head.slice(0, (i * 7) % head.length) || head, i % 2 === 0 ? 'reset 1\n' : '')));
      assert.equal(gateway.store.group({ job: 'reset' }), undefined);
      await assertServing(gateway, agent);
    });
  });

  describe('bodies over the limit', () => {
    const LIMIT = 64 * 1024;

    beforeEach(async () => {
      gateway = await startMockGateway({ port: 0, bodyLimitBytes: LIMIT });
    });

    function assertTooLarge(answer: Answer): void {
      assert.equal(answer.status, 413);
      assert.match(answer.text, new RegExp(`request body too large: the mock gateway accepts at most ${LIMIT} bytes`));
    }

    it('answers 413 with a clear text to a declared and to a chunked body over the limit', async () => {
      const body = 'big_metric 1\n'.repeat(LIMIT / 8);
      assertTooLarge(await send(gateway, agent, 'PUT', '/metrics/job/big', body));
      const chunked = await new Promise<Answer>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: gateway.port, method: 'POST', path: '/metrics/job/big', agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        });
        req.on('error', reject);
        for (let i = 0; i < 16; i++) {
          req.write('big_metric 1\n'.repeat(LIMIT / 104));
        }
        req.end();
      });
      assertTooLarge(chunked);
      assert.equal(gateway.store.group({ job: 'big' }), undefined);
      await assertServing(gateway, agent);
    });

    it('answers 413 to a gzip bomb that inflates past the limit', async () => {
      const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
      assert.ok(bomb.length < LIMIT, `the bomb is ${bomb.length} bytes compressed`);
      assertTooLarge(await send(gateway, agent, 'PUT', '/metrics/job/bomb', bomb, { 'Content-Encoding': 'gzip' }));
      assert.equal(gateway.store.group({ job: 'bomb' }), undefined);
      await assertServing(gateway, agent);
    });
  });

  describe('concurrent writers', () => {
    beforeEach(async () => {
      gateway = await startMockGateway({ port: 0 });
    });

    it(`${CONCURRENT} concurrent PUTs of different bodies to one group leave exactly one of the bodies`, async () => {
      const answers = await Promise.all(range(CONCURRENT).map((i) => send(gateway, agent, 'PUT', '/metrics/job/same', sameGroupBody(i))));
      assert.deepEqual(
        answers.filter((answer) => answer.status !== 200),
        [],
      );
      const group = gateway.store.group(JOB_SAME);
      assert.notEqual(matchingBody(group, CONCURRENT), undefined, pushedSamples(group).join('\n'));
    });

    it(`${CONCURRENT} concurrent POSTs of different families to one group lose none of them`, async () => {
      const answers = await Promise.all(range(CONCURRENT).map((i) => send(gateway, agent, 'POST', '/metrics/job/same', `# TYPE family_${i} gauge\nfamily_${i} ${i}\n`)));
      assert.deepEqual(
        answers.filter((answer) => answer.status !== 200),
        [],
      );
      assert.deepEqual(
        pushedSamples(gateway.store.group(JOB_SAME)),
        range(CONCURRENT)
          .map((i) => `family_${i} ${i}`)
          .sort(),
      );
    });

    it(`${CONCURRENT} concurrent pushes to ${CONCURRENT} groups create every group with its own metrics`, async () => {
      const answers = await Promise.all(
        range(CONCURRENT).map((i) => send(gateway, agent, 'PUT', `/metrics/job/many/instance/i${i}`, `# TYPE shared_value gauge\nshared_value ${i}\n# TYPE own_${i} gauge\nown_${i} ${i}\n`)),
      );
      assert.deepEqual(
        answers.filter((answer) => answer.status !== 200),
        [],
      );
      assert.equal([...gateway.store.groups()].length, CONCURRENT);
      for (const i of range(CONCURRENT)) {
        assert.deepEqual(pushedSamples(gateway.store.group({ job: 'many', instance: `i${i}` })), [`own_${i} ${i}`, `shared_value ${i}`].sort(), `group i${i}`);
      }
    });

    it('concurrent PUTs and DELETEs of one group leave it absent or holding exactly one body', async () => {
      for (const round of range(5)) {
        const requests = range(CONCURRENT).map((i) => (i % 2 === 0 ? send(gateway, agent, 'PUT', '/metrics/job/same', sameGroupBody(i)) : send(gateway, agent, 'DELETE', '/metrics/job/same')));
        const answers = await Promise.all(requests);
        assert.deepEqual(
          answers.filter((answer, i) => answer.status !== (i % 2 === 0 ? 200 : 202)),
          [],
          `round ${round}`,
        );
        const group = gateway.store.group(JOB_SAME);
        assert.ok(group === undefined || matchingBody(group, CONCURRENT) !== undefined, `round ${round}: ${pushedSamples(group).join('\n')}`);
      }
      await assertServing(gateway, agent);
    });
  });
});
