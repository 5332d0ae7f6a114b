// Number syntax exactly as the gateway's Go parser reads it, written as character scans so that no
// input, however long, can make them slow.

const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * The value of a sample (and of `le`/`quantile` labels) as the text parser reads it: Go's
 * strconv.ParseFloat, minus anything containing "p", "P" or "_" (the parser's own guard against hex
 * floats and digit separators). Undefined when the gateway would reject it, including overflow
 * such as `1e400`.
 */
export function parseGoFloat(text: string): number | undefined {
  const integer = smallIntegerValue(text);
  if (integer !== undefined) {
    return integer;
  }
  // The decimal syntax and the special values have neither "p", "P" nor "_", so the parser's guard
  // needs no check of its own.
  if (!isDecimalFloat(text)) {
    return parseSpecialFloat(text);
  }
  const value = Number(text);
  // Number() rounds out-of-range input to ±Infinity; Go reports a range error instead.
  return Number.isFinite(value) ? value : undefined;
}

/** The most digits whose value a double always holds exactly (10^15 < 2^53). */
const EXACT_DIGITS = 15;

/**
 * The value of a plain run of digits short enough to be exact, the most common sample value, without
 * Number()'s general parsing (the result is the same); undefined for anything else.
 */
function smallIntegerValue(text: string): number | undefined {
  if (text.length === 0 || text.length > EXACT_DIGITS) {
    return undefined;
  }
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) {
      return undefined;
    }
    value = value * 10 + (code - 0x30);
  }
  return value;
}

/** Go's special(): an optional sign then "inf" or "infinity", or "nan" without a sign; any case. */
function parseSpecialFloat(text: string): number | undefined {
  const lower = text.toLowerCase();
  const sign = lower[0] === '-' ? -1 : 1;
  const unsigned = lower[0] === '+' || lower[0] === '-' ? lower.slice(1) : lower;
  if (unsigned === 'inf' || unsigned === 'infinity') {
    return sign * Infinity;
  }
  if (lower === 'nan') {
    return NaN;
  }
  return undefined;
}

/** `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?` */
export function isDecimalFloat(text: string): boolean {
  let i = 0;
  let code = text.charCodeAt(0);
  if (code === PLUS || code === MINUS) {
    code = text.charCodeAt(++i);
  }
  let mantissaDigits = 0;
  while (isDigit(code)) {
    code = text.charCodeAt(++i);
    mantissaDigits++;
  }
  if (code === DOT) {
    code = text.charCodeAt(++i);
    while (isDigit(code)) {
      code = text.charCodeAt(++i);
      mantissaDigits++;
    }
  }
  if (mantissaDigits === 0) {
    return false;
  }
  if (code === LOWER_E || code === UPPER_E) {
    code = text.charCodeAt(++i);
    if (code === PLUS || code === MINUS) {
      code = text.charCodeAt(++i);
    }
    let exponentDigits = 0;
    while (isDigit(code)) {
      code = text.charCodeAt(++i);
      exponentDigits++;
    }
    if (exponentDigits === 0) {
      return false;
    }
  }
  return i === text.length;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A timestamp as Go's strconv.ParseInt(text, 10, 64) reads it: optional sign, decimal digits, int64 range. */
export function parseGoInt64(text: string): bigint | undefined {
  let i = 0;
  if (text[0] === '+' || text[0] === '-') {
    i = 1;
  }
  if (i === text.length) {
    return undefined;
  }
  for (; i < text.length; i++) {
    if (!isDigit(text.charCodeAt(i))) {
      return undefined;
    }
  }
  const digits = text.slice(text[0] === '+' || text[0] === '-' ? 1 : 0).replace(/^0+/, '');
  if (digits.length > 19) {
    return undefined;
  }
  const value = BigInt(text[0] === '-' ? `-${digits || '0'}` : digits || '0');
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}
