import { ESCAPED_BYTE_BASE, isEscapedByte } from '../exposition/decode';

// Go's number and string formatting as the Pushgateway's outputs use it. Strings here are "Go
// strings": text decoded from bytes with decodeExposition, so a byte of invalid UTF-8 is a lone
// surrogate U+DC80..U+DCFF (see decode.ts) and can be written back as that very byte.

/** strconv.FormatFloat(v, 'g', -1, 64): shortest digits; exponent form below 1e-4 and from 1e6 on (1.234567e+06). */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '+Inf' : '-Inf';
  }
  if (value === 0) {
    return Object.is(value, -0) ? '-0' : '0';
  }
  // From 1e-4 up to 1e6 both Go and JavaScript write the shortest digits in fixed notation.
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e6) {
    return String(value);
  }
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const sign = value < 0 ? '-' : '';
  // With the shortest representation Go decides with a precision of 6: %e when exp < -4 || exp >= 6.
  if (exponent < -4 || exponent >= 6) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits[0]}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return `${sign}${fixedFromDigits(digits, exponent + 1)}`;
}

/** Digits d1d2... with the decimal point after `pointPosition` digits (may be <= 0 or past the end). */
function fixedFromDigits(digits: string, pointPosition: number): string {
  if (pointPosition <= 0) {
    return `0.${'0'.repeat(-pointPosition)}${digits}`;
  }
  if (pointPosition >= digits.length) {
    return digits + '0'.repeat(pointPosition - digits.length);
  }
  return `${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
}

/** expfmt's writeFloat: 'g' shortest, but 0 (also -0) is "0". */
export function formatExpositionFloat(value: number): string {
  return value === 0 ? '0' : formatGoFloat(value);
}

/** The float in Go's proto text format: inf, -inf, nan, else fmt's %v. */
export function formatProtoTextFloat(value: number): string {
  if (Number.isNaN(value)) {
    return 'nan';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? 'inf' : '-inf';
  }
  return formatGoFloat(value);
}

const TWO_POW_63 = 2 ** 63;
const TWO_POW_64 = 2 ** 64;
/** What amd64 answers for a conversion it cannot do (NaN, out of range): the "integer indefinite". */
const INDEFINITE = 1n << 63n;

/** Go's uint64(f) on amd64: truncation, negative values wrap, NaN and out-of-range values become 2^63. */
export function goFloatToUint64(value: number): bigint {
  if (Number.isNaN(value) || value >= TWO_POW_64 || value < -TWO_POW_63) {
    return INDEFINITE;
  }
  const truncated = BigInt(Math.trunc(value));
  return BigInt.asUintN(64, truncated);
}

// ---------------------------------------------------------------------------------------------
// Strings

const LONE_SURROGATE_CANDIDATE = /[\udc80-\udcff]/;

/** The bytes of a Go string: UTF-8, with each escaped byte written back as itself. */
export function goStringBytes(text: string): Buffer {
  if (!LONE_SURROGATE_CANDIDATE.test(text)) {
    return Buffer.from(text, 'utf8');
  }
  const parts: Buffer[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    parts.push(isEscapedByte(codePoint) ? Buffer.from([codePoint - ESCAPED_BYTE_BASE]) : Buffer.from(char, 'utf8'));
  }
  return Buffer.concat(parts);
}

/** Whether a Go string is valid UTF-8 (has no escaped byte). */
export function isValidGoUtf8(text: string): boolean {
  if (!LONE_SURROGATE_CANDIDATE.test(text)) {
    return true;
  }
  for (const char of text) {
    if (isEscapedByte(char.codePointAt(0) ?? 0)) {
      return false;
    }
  }
  return true;
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/** Go's `a < b` on strings: byte order of the UTF-8 (code point order, escaped bytes as raw bytes). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) {
    i++;
  }
  if (i === length) {
    return a.length < b.length ? -1 : 1;
  }
  const codeA = a.charCodeAt(i);
  const codeB = b.charCodeAt(i);
  if (!isSurrogate(codeA) && !isSurrogate(codeB)) {
    return codeA < codeB ? -1 : 1;
  }
  // Rare: astral characters or invalid bytes. Compare the bytes from the last shared code point on.
  const start = i > 0 && isSurrogate(a.charCodeAt(i - 1)) ? i - 1 : i;
  return Buffer.compare(goStringBytes(a.slice(start)), goStringBytes(b.slice(start)));
}

const JSON_SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Whether encoding/json writes the text as it is (no escapes, no surrogates); JSON.stringify then
 * does too, as it escapes a subset of those characters.
 */
export function isJsonPlain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || code === 0x3c || code === 0x3e || code === 0x26 || code === 0x2028 || code === 0x2029 || isSurrogate(code)) {
      return false;
    }
  }
  return true;
}

/** encoding/json's string encoding: HTML-safe, invalid bytes as U+FFFD, U+2028/2029 escaped. */
export function goJsonString(text: string): string {
  if (isJsonPlain(text)) {
    return `"${text}"`;
  }
  let out = '"';
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    const short = JSON_SHORT_ESCAPES[char];
    if (short !== undefined) {
      out += short;
    } else if (isEscapedByte(codePoint)) {
      out += '\\ufffd';
    } else if (codePoint < 0x20 || char === '<' || char === '>' || char === '&' || codePoint === 0x2028 || codePoint === 0x2029) {
      out += `\\u${codePoint.toString(16).padStart(4, '0')}`;
    } else {
      out += char;
    }
  }
  return `${out}"`;
}

/** Go's time.Duration.String() for a whole number of milliseconds (the status page's persistence.interval). */
export function goDurationText(ms: number): string {
  if (ms < 1000) {
    return ms === 0 ? '0s' : `${ms}ms`;
  }
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = `${Math.floor((ms % 60_000) / 1000)}${
    ms % 1000 === 0
      ? ''
      : `.${String(ms % 1000)
          .padStart(3, '0')
          .replace(/0+$/, '')}`
  }s`;
  return hours > 0 ? `${hours}h${minutes}m${seconds}` : minutes > 0 ? `${minutes}m${seconds}` : seconds;
}
