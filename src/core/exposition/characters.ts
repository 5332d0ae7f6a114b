// The characters the text format gives a meaning to, as UTF-16 code units, and the classes of
// characters that names are made of (ASCII only, as in Go's expfmt).

export const NEWLINE = 0x0a;
export const SPACE = 0x20;
export const TAB = 0x09;
export const HASH = 0x23;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const COMMA = 0x2c;
export const EQUALS = 0x3d;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const CARRIAGE_RETURN = 0x0d;
export const BYTE_ORDER_MARK = 0xfeff;

export function isBlankOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isMetricNameStart(code: number): boolean {
  return isLetter(code) || code === 0x5f || code === 0x3a;
}

export function isMetricNameContinuation(code: number): boolean {
  return isMetricNameStart(code) || isDigit(code);
}

export function isLabelNameStart(code: number): boolean {
  return isLetter(code) || code === 0x5f;
}

export function isLabelNameContinuation(code: number): boolean {
  return isLabelNameStart(code) || isDigit(code);
}
