import { isUtf8 } from 'node:buffer';

/** Where a byte of invalid UTF-8 lands after decoding: U+DC80 + byte, a lone surrogate no valid text contains. */
export const ESCAPED_BYTE_BASE = 0xdc00;

export function isEscapedByte(code: number): boolean {
  return code >= 0xdc80 && code <= 0xdcff;
}

/**
 * Decodes a document's bytes for the parser. Valid UTF-8 decodes as usual, a leading BOM kept (the
 * gateway sees it). Each byte of an invalid sequence becomes an escaped byte (see ESCAPED_BYTE_BASE),
 * so the parser can reject it where Go's parser does (`invalid label value "\xff"`) and accept it
 * where Go does (HELP text, comments).
 */
export function decodeExposition(bytes: Uint8Array): string {
  if (isUtf8(bytes)) {
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  }
  const parts: string[] = [];
  let runStart = 0;
  let i = 0;
  const flushValidRun = (end: number) => {
    if (end > runStart) {
      parts.push(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(runStart, end)));
    }
  };
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    flushValidRun(i);
    parts.push(String.fromCharCode(ESCAPED_BYTE_BASE + bytes[i]));
    i++;
    runStart = i;
  }
  flushValidRun(i);
  return parts.join('');
}

/** The length of the well-formed UTF-8 sequence at `i` (RFC 3629, as Go's utf8 package), or 0. */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i];
  if (first < 0x80) {
    return 1;
  }
  const continuation = (at: number, low = 0x80, high = 0xbf) => at < bytes.length && bytes[at] >= low && bytes[at] <= high;
  if (first >= 0xc2 && first <= 0xdf) {
    return continuation(i + 1) ? 2 : 0;
  }
  if (first >= 0xe0 && first <= 0xef) {
    const low = first === 0xe0 ? 0xa0 : 0x80;
    const high = first === 0xed ? 0x9f : 0xbf;
    return continuation(i + 1, low, high) && continuation(i + 2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const low = first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xf4 ? 0x8f : 0xbf;
    return continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
  }
  return 0;
}
