import { ESCAPED_BYTE_BASE, isEscapedByte } from '../exposition/decode';

// Go's %q and %c formatting, so that our copies of the gateway's error texts match it byte for byte.

const SHORT_ESCAPES: Record<number, string> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
};

/** Unicode printability as Go's strconv.IsPrint sees it: letters, marks, numbers, punctuation, symbols and ASCII space. */
function isGoPrintable(codePoint: number): boolean {
  if (codePoint === 0x20) {
    return true;
  }
  return !/[\p{C}\p{Z}]/u.test(String.fromCodePoint(codePoint));
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

function escapeCodePoint(codePoint: number, quote: '"' | "'"): string {
  if (isEscapedByte(codePoint)) {
    return `\\x${hex(codePoint - ESCAPED_BYTE_BASE, 2)}`;
  }
  if (codePoint === quote.charCodeAt(0) || codePoint === 0x5c) {
    return `\\${String.fromCodePoint(codePoint)}`;
  }
  if (SHORT_ESCAPES[codePoint]) {
    return SHORT_ESCAPES[codePoint];
  }
  if (isGoPrintable(codePoint)) {
    return String.fromCodePoint(codePoint);
  }
  if (codePoint < 0x80) {
    return `\\x${hex(codePoint, 2)}`;
  }
  return codePoint > 0xffff ? `\\U${hex(codePoint, 8)}` : `\\u${hex(codePoint, 4)}`;
}

/** Printable ASCII without `"` or `\\`: quoted as it is. */
function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c) {
      return false;
    }
  }
  return true;
}

/** Go's `%q` of a string. */
export function goQuoteString(text: string): string {
  if (isPlainAscii(text)) {
    return `"${text}"`;
  }
  let quoted = '"';
  for (const char of text) {
    quoted += escapeCodePoint(char.codePointAt(0) ?? 0, '"');
  }
  return `${quoted}"`;
}

/**
 * The first UTF-8 byte of a character: Go's parser works on bytes and formats a single byte with
 * %q / %c as the code point of that byte's value.
 */
function firstUtf8Byte(codePoint: number): number {
  if (isEscapedByte(codePoint)) {
    return codePoint - ESCAPED_BYTE_BASE;
  }
  if (codePoint < 0x80) {
    return codePoint;
  }
  if (codePoint < 0x800) {
    return 0xc0 | (codePoint >> 6);
  }
  if (codePoint < 0x10000) {
    return 0xe0 | (codePoint >> 12);
  }
  return 0xf0 | (codePoint >> 18);
}

/** Go's `%q` of a byte, e.g. `'x'`, `'\n'`, `'Ã'`. */
export function goQuoteByte(codePoint: number): string {
  return `'${escapeCodePoint(firstUtf8Byte(codePoint), "'")}'`;
}

/** Go's `%c` of a byte. */
export function goCharOfByte(codePoint: number): string {
  return String.fromCodePoint(firstUtf8Byte(codePoint));
}
