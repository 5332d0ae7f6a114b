import * as assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { WriteClock } from '../../../src/core/mock/clock';
import { gunzipLikeGo } from '../../../src/core/mock/body/gzipBody';
import { LINES_PER_PARSE_STEP } from '../../../src/core/mock/body/fromText';
import { GatewayContext, IncomingRequest, serve } from '../../../src/core/mock/http/dispatch';
import { DEFAULT_PUSH_LIMITS } from '../../../src/core/mock/http/handlers';
import { PushLog } from '../../../src/core/mock/http/pushLog';
import { Reply } from '../../../src/core/mock/http/replies';
import { apiRouter, mainRouter } from '../../../src/core/mock/http/routes';
import { StatusInfo } from '../../../src/core/mock/output/api';
import { METRICS_PER_SLICE } from '../../../src/core/mock/store/preparePush';
import { CHECK_RULES_1_11 } from '../../../src/core/mock/store/metricChecks';
import { RequestMetrics } from '../../../src/core/mock/store/requestMetrics';
import { SelfMetrics } from '../../../src/core/mock/store/selfMetrics';
import { MockStore } from '../../../src/core/mock/store/store';
import { DEFAULT_GATEWAY_TARGET } from '../../../src/core/protocol/gatewayTarget';

// No client starves the others: a big push is parsed, prepared and stored in stages and slices
// with the event loop turning between them, so a request that comes meanwhile is answered before
// the push is. The requests go straight to the dispatcher (the body already read), so what is
// observed is the order of the answers, not how fast anything is.

const SERIES = 250_000;

function bigBody(series: number): Buffer {
  const lines = ['# TYPE big_metric gauge'];
  for (let i = 0; i < series; i++) {
    lines.push(`big_metric{i="${i}",path="/some/longer/label/value/${i}"} ${i}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

function newContext(): GatewayContext {
  const now = () => new Date(Date.UTC(2024, 0, 1));
  const self = new SelfMetrics(now().getTime() / 1000, new RequestMetrics(() => now().getTime()));
  const store = new MockStore(self, new WriteClock(now), CHECK_RULES_1_11);
  return {
    env: { store, self, status: {} as StatusInfo, target: DEFAULT_GATEWAY_TARGET, pushLimits: DEFAULT_PUSH_LIMITS },
    log: new PushLog(100, 1024 * 1024),
    bodyLimit: 64 * 1024 * 1024,
    main: mainRouter(),
    api: apiRouter(false),
    now,
  };
}

function request(method: string, url: string, body: Buffer = Buffer.alloc(0), encoding?: string): IncomingRequest {
  const headers = new Map([['content-type', 'text/plain; version=0.0.4']]);
  if (encoding !== undefined) {
    headers.set('content-encoding', encoding);
  }
  return {
    method,
    url,
    header: (name) => headers.get(name),
    readBody: () => Promise.resolve(body),
    approximateSize: () => body.length,
  };
}

/** How many times the event loop turned (a chain of setImmediate callbacks) until `work` settled. */
async function loopTurnsUntil(work: Promise<unknown>): Promise<number> {
  let turns = 0;
  let working = true;
  const countTurn = () => {
    if (working) {
      turns++;
      setImmediate(countTurn);
    }
  };
  setImmediate(countTurn);
  try {
    await work;
  } finally {
    working = false;
  }
  return turns;
}

describe('mock gateway: no client starves the others', function () {
  it('answers /-/healthy from another client while a 10 MB push is processed, and stores the push', async () => {
    const context = newContext();
    const body = bigBody(SERIES);
    assert.ok(body.length > 10 * 1024 * 1024);
    const answers: string[] = [];
    const pushed = serve(request('PUT', '/metrics/job/big', body), context, (reply: Reply) => answers.push(`push ${reply.status}`));
    setImmediate(() => void serve(request('GET', '/-/healthy'), context, (reply: Reply) => answers.push(`healthy ${reply.status}`)));
    const turns = await loopTurnsUntil(pushed);
    assert.deepEqual(answers, ['healthy 200', 'push 200']);
    // The loop turned at least once per slice of lines parsed and once per slice of series prepared, not only once for the whole push.
    const slices = Math.floor(SERIES / LINES_PER_PARSE_STEP) + Math.floor(SERIES / METRICS_PER_SLICE);
    assert.ok(turns >= slices, `the event loop turned ${turns} times during the push, expected at least ${slices}`);
    assert.equal(context.env.store.group({ job: 'big' })?.families.get('big_metric')?.family.metrics.length, SERIES);
  });

  it('also parses a big body whose family comes back after another in slices (the whole-document parse it then needs)', async () => {
    const context = newContext();
    const body = Buffer.concat([bigBody(SERIES / 2), Buffer.from('other_metric 1\n'), Buffer.from(`big_metric{i="last",path="/"} 1\n`)]);
    const answers: string[] = [];
    const turns = await loopTurnsUntil(serve(request('PUT', '/metrics/job/returning', body), context, (reply: Reply) => answers.push(`push ${reply.status}`)));
    assert.deepEqual(answers, ['push 200']);
    // Both parses (family by family, then the whole document) turned the loop once per slice of lines, and the preparation once per slice of series.
    const slices = 2 * Math.floor(SERIES / 2 / LINES_PER_PARSE_STEP) + Math.floor(SERIES / 2 / METRICS_PER_SLICE);
    assert.ok(turns >= slices, `the event loop turned ${turns} times during the push, expected at least ${slices}`);
    assert.equal(context.env.store.group({ job: 'returning' })?.families.get('big_metric')?.family.metrics.length, SERIES / 2 + 1);
  });

  it('does not pause a small push: it is answered within the same turn of the loop', async () => {
    const context = newContext();
    const answers: string[] = [];
    const pushed = serve(request('PUT', '/metrics/job/small', Buffer.from('small_metric 1\n')), context, (reply: Reply) => answers.push(`push ${reply.status}`));
    setImmediate(() => answers.push('next turn'));
    await pushed;
    assert.deepEqual(answers, ['push 200']);
  });
});

/** A gzip body whose deflate data decodes `text` and then turns corrupt: a block of the invalid type 3 and some garbage. */
function corruptGzip(text: Buffer): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
  const deflated = zlib.deflateRawSync(text, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(text), 0);
  trailer.writeUInt32LE(text.length, 4);
  return Buffer.concat([header, deflated, Buffer.from([0x07]), Buffer.alloc(1000, 0x5a), trailer]);
}

/** The test's own oracle: the longest prefix of the deflate data that decodes (found by bisection). */
function validPrefixByBisection(deflated: Buffer): number {
  const decodes = (length: number) => {
    try {
      zlib.inflateRawSync(deflated.subarray(0, length), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
      return true;
    } catch {
      return false;
    }
  };
  let low = 0;
  let high = deflated.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (decodes(middle)) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}

/** Counts the compressed bytes zlib is given to inflate while `run` runs. */
async function inflatedBytesDuring(run: () => Promise<void>): Promise<number> {
  let fed = 0;
  const { inflateRawSync } = zlib;
  zlib.inflateRawSync = ((input: Buffer, options?: zlib.ZlibOptions) => {
    fed += input.length;
    return inflateRawSync(input, options);
  }) as typeof zlib.inflateRawSync;
  // createInflateRaw itself is read-only: the streams' writes are counted on their prototype.
  const prototype = zlib.InflateRaw.prototype as unknown as { write: (chunk: Buffer, ...rest: unknown[]) => boolean };
  const write = prototype.write;
  prototype.write = function (this: unknown, chunk: Buffer, ...rest: unknown[]) {
    fed += chunk.length;
    return write.call(this, chunk, ...rest);
  };
  try {
    await run();
  } finally {
    zlib.inflateRawSync = inflateRawSync;
    delete (prototype as { write?: unknown }).write;
  }
  return fed;
}

describe('mock gateway: a gzip body with a corrupt tail', function () {
  it('is inflated at most three times over (not once per bisection step), while other clients are answered', async () => {
    const context = newContext();
    const body = corruptGzip(bigBody(40_000));
    const deflateData = body.length - 10 - 8;
    const answers: string[] = [];
    const fed = await inflatedBytesDuring(async () => {
      const pushed = serve(request('PUT', '/metrics/job/corrupt', body, 'gzip'), context, (reply: Reply) => answers.push(`push ${reply.status}`));
      setImmediate(() => void serve(request('GET', '/-/healthy'), context, (reply: Reply) => answers.push(`healthy ${reply.status}`)));
      await pushed;
    });
    assert.deepEqual(answers, ['healthy 200', 'push 400']);
    assert.ok(fed <= 3 * deflateData, `zlib was given ${fed} bytes for ${deflateData} bytes of deflate data`);
  });

  it('serves what the deflate data decodes to before the bad spot, then the offset Go reports', async () => {
    const body = corruptGzip(bigBody(40_000));
    const validBytes = validPrefixByBisection(body.subarray(10));
    const expected = zlib.inflateRawSync(body.subarray(10, 10 + validBytes), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    const result = await gunzipLikeGo(body, 64 * 1024 * 1024);
    assert.ok(result.ok);
    assert.equal(result.stream.error, `flate: corrupt input before offset ${validBytes + 1}`);
    assert.ok(result.stream.data.equals(expected));
  });
});
