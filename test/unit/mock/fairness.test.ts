import * as assert from 'node:assert/strict';
import { WriteClock } from '../../../src/core/mock/clock';
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

function request(method: string, url: string, body = Buffer.alloc(0)): IncomingRequest {
  return {
    method,
    url,
    header: (name) => (name === 'content-type' ? 'text/plain; version=0.0.4' : undefined),
    readBody: () => Promise.resolve(body),
    approximateSize: () => body.length,
  };
}

describe('mock gateway: no client starves the others', function () {
  this.timeout(60_000);

  it('answers /-/healthy from another client while a 10 MB push is processed, and stores the push', async () => {
    const context = newContext();
    const body = bigBody(SERIES);
    assert.ok(body.length > 10 * 1024 * 1024);
    const answers: string[] = [];
    let turns = 0;
    let pushing = true;
    const countTurns = () => {
      if (pushing) {
        turns++;
        setImmediate(countTurns);
      }
    };
    const pushed = serve(request('PUT', '/metrics/job/big', body), context, (reply: Reply) => answers.push(`push ${reply.status}`));
    setImmediate(() => void serve(request('GET', '/-/healthy'), context, (reply: Reply) => answers.push(`healthy ${reply.status}`)));
    setImmediate(countTurns);
    await pushed;
    pushing = false;
    assert.deepEqual(answers, ['healthy 200', 'push 200']);
    // The loop turned at least once per slice of series, not only once for the whole push.
    assert.ok(turns >= SERIES / METRICS_PER_SLICE, `the event loop turned ${turns} times during the push`);
    assert.equal(context.env.store.group({ job: 'big' })?.families.get('big_metric')?.family.metrics.length, SERIES);
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
