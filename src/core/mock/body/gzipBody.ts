import * as zlib from 'node:zlib';

// `Content-Encoding: gzip` request bodies the way Go's compress/gzip reader serves them to the
// gateway: the header is read at once (an error is the 400 answer before any routing), then the
// data comes out followed by the error the stream ends with, if any: a truncated stream is
// "unexpected EOF", a wrong CRC "gzip: invalid checksum" (only after all the data), and several
// members are read one after the other.

/** The bytes a body reader delivers and the error it ends with (undefined: a clean io.EOF). */
export interface BodyStream {
  data: Buffer;
  error?: string;
  /** The parser reports `error` also where the data ends at a line start (snappy's errors; not gzip's). */
  errorAtLineStart?: boolean;
}

export type GunzipResult = { ok: true; stream: BodyStream } | { ok: false; headerError: string };

/** The decompressed body would exceed the mock's size limit. */
export class BodyTooLarge extends Error {}

const GZIP_ID1 = 0x1f;
const GZIP_ID2 = 0x8b;
const GZIP_DEFLATE = 8;
const FLAG_HEADER_CRC = 0x02;
const FLAG_EXTRA = 0x04;
const FLAG_NAME = 0x08;
const FLAG_COMMENT = 0x10;
const HEADER_LENGTH = 10;
const TRAILER_LENGTH = 8;
/** Go reads the file name and comment into a 512-byte buffer. */
const MAX_HEADER_STRING = 512;

const ERR_EOF = 'EOF';
const ERR_UNEXPECTED_EOF = 'unexpected EOF';
const ERR_HEADER = 'gzip: invalid header';
const ERR_CHECKSUM = 'gzip: invalid checksum';

type HeaderResult = { ok: true; next: number } | { ok: false; error: string };

/** gzip.Reader.readHeader from `pos`. */
function readHeader(raw: Buffer, pos: number): HeaderResult {
  const available = raw.length - pos;
  if (available < HEADER_LENGTH) {
    return { ok: false, error: available === 0 ? ERR_EOF : ERR_UNEXPECTED_EOF };
  }
  if (raw[pos] !== GZIP_ID1 || raw[pos + 1] !== GZIP_ID2 || raw[pos + 2] !== GZIP_DEFLATE) {
    return { ok: false, error: ERR_HEADER };
  }
  const flags = raw[pos + 3];
  let next = pos + HEADER_LENGTH;
  if (flags & FLAG_EXTRA) {
    if (raw.length - next < 2) {
      return { ok: false, error: ERR_UNEXPECTED_EOF };
    }
    next += 2 + raw.readUInt16LE(next);
    if (next > raw.length) {
      return { ok: false, error: ERR_UNEXPECTED_EOF };
    }
  }
  for (const flag of [FLAG_NAME, FLAG_COMMENT]) {
    if (flags & flag) {
      const end = skipZeroTerminated(raw, next);
      if (typeof end === 'string') {
        return { ok: false, error: end };
      }
      next = end;
    }
  }
  if (flags & FLAG_HEADER_CRC) {
    if (raw.length - next < 2) {
      return { ok: false, error: ERR_UNEXPECTED_EOF };
    }
    if (raw.readUInt16LE(next) !== (zlib.crc32(raw.subarray(pos, next)) & 0xffff)) {
      return { ok: false, error: ERR_HEADER };
    }
    next += 2;
  }
  return { ok: true, next };
}

function skipZeroTerminated(raw: Buffer, pos: number): number | string {
  for (let i = 0; i < MAX_HEADER_STRING; i++) {
    if (pos + i >= raw.length) {
      return ERR_UNEXPECTED_EOF;
    }
    if (raw[pos + i] === 0) {
      return pos + i + 1;
    }
  }
  return ERR_HEADER;
}

interface InflateInfo {
  buffer: Buffer;
  engine: { bytesWritten: number };
}

function isInflateInfo(value: unknown): value is InflateInfo {
  return typeof value === 'object' && value !== null && 'buffer' in value && 'engine' in value;
}

function zlibCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

interface Member {
  data: Buffer;
  /** Compressed bytes used, when the deflate stream ended properly. */
  consumed?: number;
  error?: string;
}

function inflateMember(input: Buffer, maxOutputLength: number): Promise<Member> | Member {
  try {
    const result: unknown = zlib.inflateRawSync(input, { info: true, maxOutputLength } as zlib.ZlibOptions);
    if (!isInflateInfo(result)) {
      return { data: Buffer.alloc(0), error: ERR_UNEXPECTED_EOF };
    }
    return { data: result.buffer, consumed: result.engine.bytesWritten };
  } catch (error) {
    return failedMember(input, maxOutputLength, error);
  }
}

function isTooLarge(error: unknown): boolean {
  return error instanceof RangeError || zlibCode(error) === 'ERR_BUFFER_TOO_LARGE';
}

async function failedMember(input: Buffer, maxOutputLength: number, error: unknown): Promise<Member> {
  if (isTooLarge(error)) {
    throw new BodyTooLarge();
  }
  if (zlibCode(error) === 'Z_BUF_ERROR') {
    return { data: partialInflate(input, maxOutputLength) ?? Buffer.alloc(0), error: ERR_UNEXPECTED_EOF };
  }
  // Corrupt data: Go delivers what it decoded before the bad spot, then flate's CorruptInputError.
  const corrupt = await locateCorruption(input, maxOutputLength);
  return { data: corrupt.data, error: `flate: corrupt input before offset ${corrupt.validBytes + 1}` };
}

/** What a prefix of a deflate stream decodes to, or undefined when it is already corrupt. */
function partialInflate(input: Buffer, maxOutputLength: number): Buffer | undefined {
  try {
    return zlib.inflateRawSync(input, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength });
  } catch (error) {
    if (isTooLarge(error)) {
      throw new BodyTooLarge();
    }
    return undefined;
  }
}

/** How many input bytes the corruption search feeds at once before it narrows down to single bytes. */
const CORRUPTION_SEARCH_STEP = 4096;

/** An inflater fed piece by piece off the event loop (zlib's thread pool), each piece flushed. */
class SteppedInflater {
  private readonly inflater = zlib.createInflateRaw({ flush: zlib.constants.Z_SYNC_FLUSH });
  private readonly chunks: Buffer[] = [];
  private produced = 0;
  private failed = false;

  constructor(private readonly maxOutputLength: number) {
    this.inflater.on('data', (chunk: Buffer) => {
      this.produced += chunk.length;
      this.chunks.push(chunk);
    });
    this.inflater.on('error', () => {
      this.failed = true;
    });
  }

  /** Feeds `piece`; false when the stream turned out corrupt with it. Throws BodyTooLarge past the limit. */
  feed(piece: Buffer): Promise<boolean> {
    return new Promise((resolve) => {
      const settle = () => {
        this.inflater.off('error', settle);
        resolve(!this.failed);
      };
      this.inflater.once('error', settle);
      this.inflater.write(piece, () => setImmediate(settle));
    }).then((ok) => {
      if (this.produced > this.maxOutputLength) {
        this.close();
        throw new BodyTooLarge();
      }
      return ok as boolean;
    });
  }

  output(): Buffer {
    return Buffer.concat(this.chunks);
  }

  close(): void {
    this.inflater.destroy();
  }
}

/**
 * The longest prefix of a corrupt deflate stream that still decodes (Go reports the offset right
 * after it) and what that prefix decodes to. One inflater goes through the input step by step
 * until a step fails; a second one takes everything before that step at once and then the step's
 * bytes one by one. So the input is inflated at most twice here (not once per halving of a binary
 * search), and in zlib's thread pool, while the event loop serves other clients.
 */
async function locateCorruption(input: Buffer, maxOutputLength: number): Promise<{ validBytes: number; data: Buffer }> {
  const scout = new SteppedInflater(maxOutputLength);
  let failedStep = 0;
  try {
    while (failedStep < input.length && (await scout.feed(input.subarray(failedStep, failedStep + CORRUPTION_SEARCH_STEP)))) {
      failedStep += CORRUPTION_SEARCH_STEP;
    }
  } finally {
    scout.close();
  }
  failedStep = Math.min(failedStep, input.length);
  const exact = new SteppedInflater(maxOutputLength);
  try {
    if (failedStep > 0 && !(await exact.feed(input.subarray(0, failedStep)))) {
      return { validBytes: 0, data: Buffer.alloc(0) };
    }
    let validBytes = failedStep;
    const stepEnd = Math.min(input.length, failedStep + CORRUPTION_SEARCH_STEP);
    while (validBytes < stepEnd && (await exact.feed(input.subarray(validBytes, validBytes + 1)))) {
      validBytes++;
    }
    return { validBytes, data: exact.output() };
  } finally {
    exact.close();
  }
}

/** Decompresses a gzip body as Go would serve it; throws BodyTooLarge past `maxOutput` bytes. */
export async function gunzipLikeGo(raw: Buffer, maxOutput: number): Promise<GunzipResult> {
  const header = readHeader(raw, 0);
  if (!header.ok) {
    return { ok: false, headerError: header.error };
  }
  const chunks: Buffer[] = [];
  let produced = 0;
  const stream = (error?: string): GunzipResult => ({ ok: true, stream: { data: Buffer.concat(chunks), error } });
  let pos = header.next;
  for (;;) {
    const member = await inflateMember(raw.subarray(pos), maxOutput - produced + 1);
    produced += member.data.length;
    if (produced > maxOutput) {
      throw new BodyTooLarge();
    }
    chunks.push(member.data);
    if (member.error !== undefined || member.consumed === undefined) {
      return stream(member.error ?? ERR_UNEXPECTED_EOF);
    }
    pos += member.consumed;
    if (raw.length - pos < TRAILER_LENGTH) {
      return stream(ERR_UNEXPECTED_EOF);
    }
    const checksumOk = raw.readUInt32LE(pos) === zlib.crc32(member.data) && raw.readUInt32LE(pos + 4) === member.data.length % 2 ** 32;
    pos += TRAILER_LENGTH;
    if (!checksumOk) {
      return stream(ERR_CHECKSUM);
    }
    if (pos === raw.length) {
      return stream();
    }
    const next = readHeader(raw, pos);
    if (!next.ok) {
      return stream(next.error);
    }
    pos = next.next;
  }
}
