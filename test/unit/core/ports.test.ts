import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { findFreePort, isPortFree } from '../../../src/core/ports';

describe('ports', () => {
  it('tells a taken port from a free one', async () => {
    const port = await findFreePort();
    assert.equal(await isPortFree(port), true);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      assert.equal(await isPortFree(port), false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
