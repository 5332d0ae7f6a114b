// The protobuf wire format as golang/protobuf 1.3 (the Debian Pushgateway 1.5.1 build) reads it,
// with its error texts: a truncated field is io.ErrUnexpectedEOF, tag 0 is "illegal tag 0", an
// unknown wire type cannot be skipped. Known fields sent with the wrong wire type are skipped like
// unknown ones.

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
const WIRE_START_GROUP = 3;
const WIRE_FIXED32 = 5;

export const UNEXPECTED_EOF = 'unexpected EOF';

/** A decoding failure; the message is the Go error text the gateway answers with. */
export class WireError extends Error {}

export interface Varint {
  value: bigint;
  /** Index after the varint. */
  next: number;
}

/** Go's decodeVarint: at most 10 bytes, the 10th below 2; undefined when truncated or too long. */
export function decodeVarint(bytes: Uint8Array, pos: number, end: number): Varint | undefined {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= end) {
      return undefined;
    }
    const byte = bytes[pos + i];
    if (i === 9 && byte >= 2) {
      return undefined;
    }
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if (byte < 0x80) {
      return { value, next: pos + i + 1 };
    }
  }
  return undefined;
}

/** A bounded read position over a message's bytes. */
export class WireCursor {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  get remaining(): number {
    return this.end - this.pos;
  }

  varint(): bigint {
    const varint = decodeVarint(this.bytes, this.pos, this.end);
    if (varint === undefined) {
      throw new WireError(UNEXPECTED_EOF);
    }
    this.pos = varint.next;
    return varint.value;
  }

  double(): number {
    if (this.remaining < 8) {
      throw new WireError(UNEXPECTED_EOF);
    }
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getFloat64(0, true);
  }

  /** A length-delimited field: the bounds of its content. */
  delimited(): { start: number; end: number } {
    const length = this.varint();
    if (length > BigInt(this.remaining)) {
      throw new WireError(UNEXPECTED_EOF);
    }
    const start = this.pos;
    this.pos += Number(length);
    return { start, end: this.pos };
  }

  /** skipField: an unknown field (or a known one with the wrong wire type) is stepped over. */
  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED32:
        this.advance(4);
        return;
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_BYTES:
        this.delimited();
        return;
      case WIRE_START_GROUP:
        this.pos = endOfGroup(this.bytes, this.pos, this.end);
        return;
      default:
        throw new WireError(`proto: can't skip unknown wire type ${wire}`);
    }
  }

  private advance(count: number): void {
    if (this.remaining < count) {
      throw new WireError(UNEXPECTED_EOF);
    }
    this.pos += count;
  }
}

/** findEndGroup: the index after the matching end-group tag. */
function endOfGroup(bytes: Uint8Array, start: number, end: number): number {
  const cursor = new WireCursor(bytes, start, end);
  let depth = 1;
  for (;;) {
    const tag = decodeVarint(bytes, cursor.pos, end);
    if (tag === undefined) {
      throw new WireError(UNEXPECTED_EOF);
    }
    cursor.pos = tag.next;
    const wire = Number(tag.value & 7n);
    if (wire === WIRE_START_GROUP) {
      depth++;
    } else if (wire === 4) {
      depth--;
      if (depth === 0) {
        return cursor.pos;
      }
    } else if (wire === WIRE_VARINT || wire === WIRE_FIXED32 || wire === WIRE_FIXED64 || wire === WIRE_BYTES) {
      cursor.skip(wire);
    } else {
      throw new WireError(UNEXPECTED_EOF);
    }
  }
}

/** One field of a message: its number, wire type, and the cursor positioned on its value. */
export interface WireField {
  number: bigint;
  wire: number;
}

/**
 * Walks the fields of a message. `read` consumes a field it knows and returns true; a field it
 * does not know, or with the wrong wire type, is skipped. Tag 0 fails as in Go, naming the message's Go type.
 */
export function readMessage(cursor: WireCursor, goType: string, read: (field: WireField) => boolean): void {
  while (cursor.remaining > 0) {
    const tag = cursor.varint();
    const field = { number: tag >> 3n, wire: Number(tag & 7n) };
    if (field.number === 0n) {
      throw new WireError(`proto: ${goType}: illegal tag 0 (wire type ${field.wire})`);
    }
    if (!read(field)) {
      cursor.skip(field.wire);
    }
  }
}
