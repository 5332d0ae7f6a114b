import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_CA_FILE_BYTES, readCaFile } from '../../../src/core/gateway/caFile';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('CA file of a gateway', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-ca-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a regular file', async () => {
    const file = path.join(dir, 'ca.pem');
    fs.writeFileSync(file, PEM);
    assert.deepEqual(await readCaFile(file), { ok: true, value: PEM });
  });

  it('reads a file of exactly the bound, and refuses one byte more with a clear message', async () => {
    const file = path.join(dir, 'ca.pem');
    fs.writeFileSync(file, Buffer.alloc(MAX_CA_FILE_BYTES, 'A'));
    const atBound = await readCaFile(file);
    assert.ok(atBound.ok && atBound.value.length === MAX_CA_FILE_BYTES);
    fs.appendFileSync(file, 'A');
    assert.deepEqual(await readCaFile(file), { ok: false, error: `it is larger than 1 MB (${MAX_CA_FILE_BYTES + 1} bytes); a CA file is a few KB of PEM` });
  });

  it('refuses a directory and /dev/zero without reading them', async () => {
    assert.deepEqual(await readCaFile(dir), { ok: false, error: 'it is a directory, not a regular file' });
    if (fs.existsSync('/dev/zero')) {
      assert.deepEqual(await readCaFile('/dev/zero'), { ok: false, error: 'it is a device, not a regular file' });
    }
  });

  it('refuses a FIFO nobody writes to at once, rather than waiting for a writer', async function () {
    const fifo = path.join(dir, 'ca.fifo');
    if (process.platform === 'win32' || spawnSync('mkfifo', [fifo]).status !== 0) {
      this.skip();
    }
    assert.deepEqual(await readCaFile(fifo), { ok: false, error: 'it is a FIFO, not a regular file' });
  });

  it('names a missing file as the system does', async () => {
    const answer = await readCaFile(path.join(dir, 'missing.pem'));
    assert.ok(!answer.ok);
    assert.match(answer.error, /ENOENT: no such file or directory/);
  });
});
