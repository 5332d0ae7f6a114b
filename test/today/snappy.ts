// Snappy request bodies for the today gateway corpus, written from the format descriptions
// (google/snappy format_description.txt and framing_format.txt): a block of literals only (valid,
// just not compressed), and the framing format around it with CRC-32C checksums. Pushgateway 1.11
// decodes `Content-Encoding: snappy` bodies as the framing format.

const CRC32C_POLYNOMIAL = 0x82f63b78;
const STREAM_IDENTIFIER = Buffer.from([0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59]);
const COMPRESSED_CHUNK = 0x00;
const UNCOMPRESSED_CHUNK = 0x01;
const MAX_LITERAL = 65_536;

let crcTable: Uint32Array | undefined;

function table(): Uint32Array {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let byte = 0; byte < 256; byte++) {
      let crc = byte;
      for (let bit = 0; bit < 8; bit++) {
        crc = crc & 1 ? (crc >>> 1) ^ CRC32C_POLYNOMIAL : crc >>> 1;
      }
      crcTable[byte] = crc >>> 0;
    }
  }
  return crcTable;
}

export function crc32c(data: Buffer): number {
  const lookup = table();
  let crc = 0xffffffff;
  for (const byte of data) {
    crc = lookup[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The framing format stores CRCs rotated and offset ("masked"). */
function maskedCrc(data: Buffer): number {
  const crc = crc32c(data);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** A snappy block holding `data` as literals only. */
export function snappyBlock(data: Buffer): Buffer {
  const parts: Buffer[] = [varint(data.length)];
  for (let offset = 0; offset < data.length; offset += MAX_LITERAL) {
    const literal = data.subarray(offset, offset + MAX_LITERAL);
    const lengthMinusOne = literal.length - 1;
    if (lengthMinusOne < 60) {
      parts.push(Buffer.from([lengthMinusOne << 2]));
    } else if (lengthMinusOne < 256) {
      parts.push(Buffer.from([60 << 2, lengthMinusOne]));
    } else {
      parts.push(Buffer.from([61 << 2, lengthMinusOne & 0xff, lengthMinusOne >> 8]));
    }
    parts.push(literal);
  }
  return Buffer.concat(parts);
}

function chunk(type: number, payload: Buffer): Buffer {
  const header = Buffer.from([type, payload.length & 0xff, (payload.length >> 8) & 0xff, (payload.length >> 16) & 0xff]);
  return Buffer.concat([header, payload]);
}

export interface FramingOptions {
  /** Store the data uncompressed (chunk type 1) instead of as a literal-only block. */
  uncompressed?: boolean;
  /** Write a wrong checksum. */
  badChecksum?: boolean;
  /** Leave out the stream identifier. */
  noStreamIdentifier?: boolean;
}

/** `data` in the snappy framing format, one chunk. */
export function snappyFramed(data: Buffer | string, options: FramingOptions = {}): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE(options.badChecksum ? (maskedCrc(bytes) ^ 1) >>> 0 : maskedCrc(bytes));
  const payload = options.uncompressed ? bytes : snappyBlock(bytes);
  const body = chunk(options.uncompressed ? UNCOMPRESSED_CHUNK : COMPRESSED_CHUNK, Buffer.concat([checksum, payload]));
  return options.noStreamIdentifier ? body : Buffer.concat([STREAM_IDENTIFIER, body]);
}
