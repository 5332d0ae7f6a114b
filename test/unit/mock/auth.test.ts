import * as assert from 'node:assert/strict';
import { startMockGateway } from '../../../src/core/mock/server';

describe('mock gateway that requires credentials', () => {
  it('answers 401 without the right basic credentials, and serves them with', async () => {
    const mock = await startMockGateway({ port: 0, auth: { user: 'ci', password: 's3cret' } });
    try {
      const none = await fetch(`${mock.url}/api/v1/metrics`);
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('www-authenticate'), 'Basic');
      const wrong = await fetch(`${mock.url}/api/v1/metrics`, { headers: { authorization: `Basic ${Buffer.from('ci:nope').toString('base64')}` } });
      assert.equal(wrong.status, 401);
      const right = await fetch(`${mock.url}/metrics/job/j`, { method: 'PUT', body: 'a 1\n', headers: { authorization: `Basic ${Buffer.from('ci:s3cret').toString('base64')}` } });
      assert.equal(right.status, 200);
    } finally {
      await mock.close();
    }
  });

  it('accepts a bearer token when told to', async () => {
    const mock = await startMockGateway({ port: 0, auth: { bearerToken: 'tok3n' } });
    try {
      assert.equal((await fetch(`${mock.url}/-/healthy`)).status, 401);
      assert.equal((await fetch(`${mock.url}/-/healthy`, { headers: { authorization: 'Bearer tok3n' } })).status, 200);
    } finally {
      await mock.close();
    }
  });
});
