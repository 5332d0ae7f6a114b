import { failure, Result, success } from '../result';

// THE decoder of `@base64` push-path segments, as the gateway runs it: encoding/base64's
// RawURLEncoding.DecodeString after strings.TrimRight(s, "="). URL-safe alphabet, no padding,
// non-canonical final bits accepted, CR and LF skipped. It works on bytes and reports where Go
// stops, so the mock can answer with Go's exact text and lint can explain the same spot in words;
// the string view for lint is pushRoute's reader with strictUtf8 (groupingKey's UTF8_TEXT).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Map([...ALPHABET].map((char, value) => [char.charCodeAt(0), value]));
const EQUALS = 0x3d;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Where Go's decoder gave up: a byte outside the alphabet, or input that ends one character into a quantum. */
export interface CorruptBase64 {
  readonly offset: number;
  readonly truncated: boolean;
  /** The whole quanta decoded before that point: what Go's DecodeString returns beside its error. */
  readonly decodedBefore: Buffer;
}

/** Go's CorruptInputError text. */
export function goBase64Error(corrupt: CorruptBase64): string {
  return `illegal base64 data at input byte ${corrupt.offset}`;
}

/** Decodes the bytes of a path segment; trailing "=" are removed first, as the gateway does. */
export function decodeBase64Segment(segment: Uint8Array): Result<Buffer, CorruptBase64> {
  let length = segment.length;
  while (length > 0 && segment[length - 1] === EQUALS) {
    length--;
  }
  const out: number[] = [];
  let si = 0;
  while (si < length) {
    const quantum: number[] = [];
    while (quantum.length < 4) {
      if (si === length) {
        if (quantum.length === 1) {
          return failure({ offset: si - 1, truncated: true, decodedBefore: Buffer.from(out) });
        }
        break;
      }
      const byte = segment[si++];
      const value = DECODE.get(byte);
      if (value !== undefined) {
        quantum.push(value);
      } else if (byte !== LINE_FEED && byte !== CARRIAGE_RETURN) {
        return failure({ offset: si - 1, truncated: false, decodedBefore: Buffer.from(out) });
      }
    }
    const bits = quantum.reduce((acc, value, i) => acc | (value << (18 - 6 * i)), 0);
    const bytes = [(bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff];
    out.push(...bytes.slice(0, Math.max(quantum.length - 1, 0)));
  }
  return success(Buffer.from(out));
}

/** Go's error text with the reason in words: which character is not allowed, or that the input stops short. */
export function explainBase64Error(segment: string, corrupt: CorruptBase64): string {
  if (corrupt.truncated) {
    return `${goBase64Error(corrupt)} (truncated input)`;
  }
  return `${goBase64Error(corrupt)} ("${charAtUtf8Offset(segment, corrupt.offset)}" is not in the URL-safe alphabet A-Z a-z 0-9 - _)`;
}

/** The character of a string whose UTF-8 encoding covers the given byte offset. */
function charAtUtf8Offset(text: string, offset: number): string {
  let bytes = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > offset) {
      return char;
    }
  }
  return '';
}

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
