import * as assert from 'node:assert/strict';
import { BodyTooLarge } from '../../../src/core/mock/body/gzipBody';
import { decodeSnappyBlock, unsnappyLikeGo } from '../../../src/core/mock/body/snappyBody';
import { snappyFramed } from '../../today/snappy';

describe('mock gateway: snappy push bodies (Pushgateway 1.11)', () => {
  const text = 'backup_last_size_bytes{host="db-1"} 1\n';

  it('decodes the framing format, compressed or not, and an empty body', () => {
    assert.deepEqual(unsnappyLikeGo(snappyFramed(text), 1024), { data: Buffer.from(text) });
    assert.deepEqual(unsnappyLikeGo(snappyFramed(text, { uncompressed: true }), 1024), { data: Buffer.from(text) });
    assert.deepEqual(unsnappyLikeGo(Buffer.alloc(0), 1024), { data: Buffer.alloc(0) });
  });

  it('decodes the copies of a block, also overlapping ones', () => {
    const abc = [0x08, 0x61, 0x62, 0x63];
    assert.equal(decodeSnappyBlock(Buffer.from([12, ...abc, 0x15, 0x03])).toString(), 'abcabcabcabc', '1-byte offset');
    assert.equal(decodeSnappyBlock(Buffer.from([12, ...abc, 0x22, 0x03, 0x00])).toString(), 'abcabcabcabc', '2-byte offset');
    assert.equal(decodeSnappyBlock(Buffer.from([7, ...abc, 0x0f, 0x03, 0x00, 0x00, 0x00])).toString(), 'abcabca', '4-byte offset');
  });

  it('ends with "snappy: corrupt input" at a bad checksum, a missing stream identifier, a bare block or text', () => {
    const corrupt = { data: Buffer.alloc(0), error: 'snappy: corrupt input', errorAtLineStart: true };
    assert.deepEqual(unsnappyLikeGo(snappyFramed(text, { badChecksum: true }), 1024), corrupt);
    assert.deepEqual(unsnappyLikeGo(snappyFramed(text, { noStreamIdentifier: true }), 1024), corrupt);
    assert.deepEqual(unsnappyLikeGo(Buffer.from(text), 1024), corrupt);
    assert.deepEqual(unsnappyLikeGo(Buffer.from([12, 0x08, 0x61, 0x62, 0x63, 0x15, 0x09]), 1024), corrupt);
  });

  it('keeps to the body limit after decoding', () => {
    assert.throws(() => unsnappyLikeGo(snappyFramed('x'.repeat(2000)), 1024), BodyTooLarge);
  });
});
