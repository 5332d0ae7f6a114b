import { BodyStream, BodyTooLarge } from './gzipBody';

// `Content-Encoding: snappy` push bodies (Pushgateway 1.11): the snappy framing format as
// golang/snappy's Reader reads it. The body is decoded chunk by chunk; the first bad chunk ends the
// stream with Go's error, which the parser then reports (see fromText.ts).

const CORRUPT = 'snappy: corrupt input';
const UNSUPPORTED = 'snappy: unsupported input';
const STREAM_IDENTIFIER = Buffer.from('sNaPpY', 'latin1');
const MAX_BLOCK_SIZE = 65536;

const CASTAGNOLI_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc = CASTAGNOLI_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The checksum the framing format stores: the CRC-32C rotated and offset. */
function maskedChecksum(data: Uint8Array): number {
  const crc = crc32c(data);
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

class Corrupt extends Error {}

/** Decodes one snappy block (the format inside a compressed chunk). */
export function decodeSnappyBlock(block: Uint8Array): Buffer {
  let pos = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= block.length || shift > 28) {
      throw new Corrupt();
    }
    const byte = block[pos++];
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) {
      break;
    }
  }
  if (length > MAX_BLOCK_SIZE) {
    throw new Corrupt();
  }
  const out = Buffer.alloc(length);
  let written = 0;
  while (pos < block.length) {
    const tag = block[pos++];
    let copyLength: number;
    let offset: number;
    switch (tag & 3) {
      case 0: {
        let literalLength = tag >>> 2;
        if (literalLength >= 60) {
          const extra = literalLength - 59;
          if (pos + extra > block.length) {
            throw new Corrupt();
          }
          literalLength = 0;
          for (let i = 0; i < extra; i++) {
            literalLength += block[pos + i] * 2 ** (8 * i);
          }
          pos += extra;
        }
        literalLength += 1;
        if (pos + literalLength > block.length || written + literalLength > length) {
          throw new Corrupt();
        }
        out.set(block.subarray(pos, pos + literalLength), written);
        pos += literalLength;
        written += literalLength;
        continue;
      }
      case 1:
        if (pos >= block.length) {
          throw new Corrupt();
        }
        copyLength = 4 + ((tag >>> 2) & 7);
        offset = ((tag >>> 5) << 8) | block[pos++];
        break;
      case 2:
        if (pos + 2 > block.length) {
          throw new Corrupt();
        }
        copyLength = 1 + (tag >>> 2);
        offset = block[pos] | (block[pos + 1] << 8);
        pos += 2;
        break;
      default:
        if (pos + 4 > block.length) {
          throw new Corrupt();
        }
        copyLength = 1 + (tag >>> 2);
        offset = (block[pos] | (block[pos + 1] << 8) | (block[pos + 2] << 16)) + block[pos + 3] * 2 ** 24;
        pos += 4;
    }
    if (offset <= 0 || offset > written || written + copyLength > length) {
      throw new Corrupt();
    }
    // Byte by byte: a copy may overlap what it writes.
    for (let i = 0; i < copyLength; i++) {
      out[written] = out[written - offset];
      written++;
    }
  }
  if (written !== length) {
    throw new Corrupt();
  }
  return out;
}

/** The decoded body, ending with Go's error at the first bad chunk; throws BodyTooLarge past the limit. */
export function unsnappyLikeGo(body: Buffer, limit: number): BodyStream {
  const parts: Buffer[] = [];
  let size = 0;
  let pos = 0;
  let headerSeen = false;
  const ended = (error: string): BodyStream => ({ data: Buffer.concat(parts), error, errorAtLineStart: true });
  while (pos < body.length) {
    if (pos + 4 > body.length) {
      return ended(CORRUPT);
    }
    const type = body[pos];
    const chunkLength = body[pos + 1] | (body[pos + 2] << 8) | (body[pos + 3] << 16);
    pos += 4;
    if (pos + chunkLength > body.length) {
      return ended(CORRUPT);
    }
    const chunk = body.subarray(pos, pos + chunkLength);
    pos += chunkLength;
    if (!headerSeen) {
      if (type !== 0xff) {
        return ended(CORRUPT);
      }
      headerSeen = true;
    }
    let data: Buffer;
    if (type === 0xff) {
      if (!chunk.equals(STREAM_IDENTIFIER)) {
        return ended(CORRUPT);
      }
      continue;
    } else if (type === 0x00 || type === 0x01) {
      if (chunk.length < 4) {
        return ended(CORRUPT);
      }
      try {
        data = type === 0x00 ? decodeSnappyBlock(chunk.subarray(4)) : Buffer.from(chunk.subarray(4));
      } catch (error) {
        if (error instanceof Corrupt) {
          return ended(CORRUPT);
        }
        throw error;
      }
      if (data.length > MAX_BLOCK_SIZE || maskedChecksum(data) !== chunk.readUInt32LE(0)) {
        return ended(CORRUPT);
      }
    } else if (type <= 0x7f) {
      return ended(UNSUPPORTED);
    } else {
      continue; // skippable chunks and padding
    }
    size += data.length;
    if (size > limit) {
      throw new BodyTooLarge();
    }
    parts.push(data);
  }
  return { data: Buffer.concat(parts) };
}
