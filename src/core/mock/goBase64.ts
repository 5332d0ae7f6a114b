import { failure, Result, success } from '../result';

// encoding/base64's RawURLEncoding.DecodeString after strings.TrimRight(s, "="), as the gateway
// decodes `@base64` path segments: URL-safe alphabet, no padding, non-canonical final bits
// accepted, CR and LF skipped, errors as "illegal base64 data at input byte N".

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Map([...ALPHABET].map((char, value) => [char.charCodeAt(0), value]));

function corrupt(position: number): Result<Buffer> {
  return failure(`illegal base64 data at input byte ${position}`);
}

/** Decodes the bytes of a path segment; trailing "=" are removed first, as the gateway does. */
export function decodeBase64Segment(segment: Uint8Array): Result<Buffer> {
  let length = segment.length;
  while (length > 0 && segment[length - 1] === 0x3d) {
    length--;
  }
  const out: number[] = [];
  let si = 0;
  while (si < length) {
    const quantum: number[] = [];
    while (quantum.length < 4) {
      if (si === length) {
        if (quantum.length === 1) {
          return corrupt(si - 1);
        }
        break;
      }
      const byte = segment[si++];
      const value = DECODE.get(byte);
      if (value !== undefined) {
        quantum.push(value);
      } else if (byte !== 0x0a && byte !== 0x0d) {
        return corrupt(si - 1);
      }
    }
    const bits = quantum.reduce((acc, value, i) => acc | (value << (18 - 6 * i)), 0);
    const bytes = [(bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff];
    out.push(...bytes.slice(0, Math.max(quantum.length - 1, 0)));
  }
  return success(Buffer.from(out));
}
