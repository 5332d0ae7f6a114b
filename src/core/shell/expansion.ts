// Finds where a shell expansion (`$NAME`, `${...}`, `$(...)`, `$((...))`, `` `...` ``) ends. The
// scan keeps its own stack instead of recursing, so deeply nested or unterminated input costs one
// pass and cannot overflow the call stack.
export type ExpansionKind = 'parameter' | 'command' | 'arithmetic' | 'backtick';

export interface ScannedExpansion {
  /** Offset just after the expansion (the limit when it is unterminated). */
  readonly end: number;
  readonly kind: ExpansionKind;
  /** The parameter for `$NAME`, `${NAME...}`, `$1`, `$@` and the like. */
  readonly name?: string;
  /** False when the text ended before the closing `}`, `)`, `))` or backquote. */
  readonly terminated: boolean;
}

const BRACE = 0;
const COMMAND = 1;
const ARITHMETIC = 2;
const DOUBLE_QUOTE = 3;
type Frame = typeof BRACE | typeof COMMAND | typeof ARITHMETIC | typeof DOUBLE_QUOTE;

const SPECIAL_PARAMETERS = '@*#?-$!';

/**
 * The expansion starting at `text[start]` (a `$` or a backquote), or undefined when that `$` starts
 * none and is a literal dollar sign (`$ `, `$"`, `$/`, a `$` at the end...).
 */
export function scanExpansion(text: string, start: number, limit = text.length): ScannedExpansion | undefined {
  if (text[start] === '`') {
    const end = skipBackquoted(text, start + 1, limit);
    return { end, kind: 'backtick', terminated: text[end - 1] === '`' && end - 1 > start };
  }
  if (start + 1 >= limit) {
    return undefined;
  }
  const next = text[start + 1];
  if (next === '{') {
    return { ...scanNested(text, start + 2, limit, BRACE), kind: 'parameter', name: bracedParameterName(text, start + 2, limit) };
  }
  if (next === '(') {
    return text[start + 2] === '(' && start + 2 < limit
      ? { ...scanNested(text, start + 3, limit, ARITHMETIC), kind: 'arithmetic' }
      : { ...scanNested(text, start + 2, limit, COMMAND), kind: 'command' };
  }
  const nameEnd = parameterNameEnd(text, start + 1, limit);
  if (nameEnd === start + 1) {
    return undefined;
  }
  return { end: nameEnd, kind: 'parameter', name: text.slice(start + 1, nameEnd), terminated: true };
}

/** Where `(( ... ))` ends, given the offset just after its opening `((`. */
export function scanArithmetic(text: string, afterOpening: number, limit = text.length): { end: number; terminated: boolean } {
  return scanNested(text, afterOpening, limit, ARITHMETIC);
}

/** Offset after the backquote closing a command substitution whose text starts at `from`. */
export function skipBackquoted(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (c === '`') {
      return i + 1;
    }
  }
  return limit;
}

/** Offset after the `'` closing a single-quoted string whose text starts at `from`. */
export function skipSingleQuoted(text: string, from: number, limit: number): number {
  return Math.min(findBefore(text, "'", from, limit) + 1, limit);
}

/** The offset of `character` in `[from, limit)`, or `limit`; never looks past `limit`. */
function findBefore(text: string, character: string, from: number, limit: number): number {
  if (limit === text.length) {
    const found = text.indexOf(character, from);
    return found < 0 ? limit : found;
  }
  for (let i = from; i < limit; i++) {
    if (text[i] === character) {
      return i;
    }
  }
  return limit;
}

function scanNested(text: string, from: number, limit: number, first: Frame): { end: number; terminated: boolean } {
  const frames: Frame[] = [first];
  const depths: number[] = [0];
  let i = from;
  while (i < limit) {
    const top = frames.length - 1;
    const frame = frames[top];
    const c = text[i];
    if (frame === DOUBLE_QUOTE) {
      if (c === '"') {
        frames.pop();
        depths.pop();
        i++;
      } else {
        i = stepInsideQuotes(text, i, limit, frames, depths);
      }
    } else if (c === ')' && frame !== BRACE) {
      if (depths[top] > 0) {
        depths[top]--;
        i++;
      } else {
        frames.pop();
        depths.pop();
        i += frame === ARITHMETIC && text[i + 1] === ')' && i + 1 < limit ? 2 : 1;
      }
    } else if (c === '}' && frame === BRACE) {
      if (depths[top] > 0) {
        depths[top]--;
      } else {
        frames.pop();
        depths.pop();
      }
      i++;
    } else if ((c === '(' && frame !== BRACE) || (c === '{' && frame === BRACE)) {
      depths[top]++;
      i++;
    } else {
      i = stepInsideCode(text, i, limit, frame, frames, depths);
    }
    if (frames.length === 0) {
      return { end: i, terminated: true };
    }
  }
  return { end: limit, terminated: false };
}

/** One step inside `"..."`: escapes, nested expansions, or a plain character. */
function stepInsideQuotes(text: string, i: number, limit: number, frames: Frame[], depths: number[]): number {
  const c = text[i];
  if (c === '\\') {
    return i + 2;
  }
  if (c === '$') {
    return openDollar(text, i, limit, frames, depths);
  }
  if (c === '`') {
    return skipBackquoted(text, i + 1, limit);
  }
  return i + 1;
}

/** One step inside `${...}`, `$(...)` or `$((...))`, other than the closing bracket. */
function stepInsideCode(text: string, i: number, limit: number, frame: Frame, frames: Frame[], depths: number[]): number {
  switch (text[i]) {
    case '\\':
      return i + 2;
    case "'":
      return skipSingleQuoted(text, i + 1, limit);
    case '"':
      frames.push(DOUBLE_QUOTE);
      depths.push(0);
      return i + 1;
    case '`':
      return skipBackquoted(text, i + 1, limit);
    case '$':
      return openDollar(text, i, limit, frames, depths);
    case '#':
      return frame === COMMAND && startsWord(text, i) ? commentEnd(text, i, limit) : i + 1;
    default:
      return i + 1;
  }
}

function openDollar(text: string, i: number, limit: number, frames: Frame[], depths: number[]): number {
  const next = text[i + 1];
  if (i + 1 >= limit) {
    return i + 1;
  }
  if (next === '{') {
    frames.push(BRACE);
    depths.push(0);
    return i + 2;
  }
  if (next === '(') {
    const arithmetic = text[i + 2] === '(' && i + 2 < limit;
    frames.push(arithmetic ? ARITHMETIC : COMMAND);
    depths.push(0);
    return i + (arithmetic ? 3 : 2);
  }
  return i + 1;
}

function startsWord(text: string, i: number): boolean {
  return ' \t\n;|&('.includes(text[i - 1]);
}

function commentEnd(text: string, i: number, limit: number): number {
  return findBefore(text, '\n', i, limit);
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** End of the parameter after `$`: a name, one digit (`$10` is `$1` then "0") or a special parameter. */
function parameterNameEnd(text: string, from: number, limit: number): number {
  const c = text[from];
  if (from >= limit) {
    return from;
  }
  if (isNameStart(c)) {
    let end = from + 1;
    while (end < limit && (isNameStart(text[end]) || isDigit(text[end]))) {
      end++;
    }
    return end;
  }
  return isDigit(c) || SPECIAL_PARAMETERS.includes(c) ? from + 1 : from;
}

/** The parameter a `${...}` expands, e.g. `VAR` for `${VAR:-x}` or `${#VAR}`; `from` is after `${`. */
function bracedParameterName(text: string, from: number, limit: number): string | undefined {
  let start = from;
  const c = text[start];
  if ((c === '#' || c === '!') && (isNameStart(text[start + 1]) || isDigit(text[start + 1]))) {
    start++;
  }
  let end = start;
  if (isDigit(text[end])) {
    while (end < limit && isDigit(text[end])) {
      end++;
    }
  } else {
    end = parameterNameEnd(text, start, limit);
  }
  return end > start ? text.slice(start, end) : undefined;
}

/** Where `$( ... )` ends, given the offset just after its opening `$(`. */
export function scanCommandSubstitution(text: string, afterOpening: number, limit = text.length): { end: number; terminated: boolean } {
  return scanNested(text, afterOpening, limit, COMMAND);
}
