import { isScalar, Scalar } from 'yaml';

// A YAML string scalar's value with, for each of its characters, where that character is written
// in the YAML text: the map that puts a finding in an embedded script on the YAML's own line and
// column. Only scalars whose characters each come from one place are mapped: a scalar whose lines
// YAML folds (a multi-line plain or quoted scalar, a `>` block that joins lines) turns line breaks
// and indentation into one space, so a script line would be spread over several YAML lines; such
// a scalar is refused, not linted with ranges that point at the wrong place. Whatever we rebuild
// is checked against the value the `yaml` library read: a difference refuses the scalar too.

export interface SourcedText {
  readonly text: string;
  /** Offsets in the YAML text where each character of `text` starts and ends (exclusive). */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

export type ScalarSource = { readonly ok: true; readonly value: SourcedText } | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): ScalarSource => ({ ok: false, reason });

/** The scalar's text, mapped character by character onto `yaml` (the document it was parsed from with `keepSourceTokens`). */
export function scalarSource(node: unknown, yaml: string): ScalarSource {
  if (!isScalar(node) || typeof node.value !== 'string' || node.srcToken === undefined) {
    return refuse('not a string scalar');
  }
  const built = buildSource(node, yaml);
  if (built.ok && built.value.text !== node.value) {
    return refuse('its value could not be rebuilt from the source exactly');
  }
  return built;
}

function buildSource(node: Scalar, yaml: string): ScalarSource {
  const token = node.srcToken!;
  switch (token.type) {
    case 'scalar':
      return oneLine(token.offset, token.source, yaml, plainChars);
    case 'single-quoted-scalar':
      return oneLine(token.offset, token.source, yaml, singleQuotedChars);
    case 'double-quoted-scalar':
      return oneLine(token.offset, token.source, yaml, doubleQuotedChars);
    case 'block-scalar':
      return blockChars(node, token.source, token.props, yaml);
    default:
      return refuse(`a ${token.type} token`);
  }
}

type Reader = (source: string, offset: number) => SourcedText | undefined;

function oneLine(offset: number, source: string, yaml: string, read: Reader): ScalarSource {
  if (yaml.slice(offset, offset + source.length) !== source) {
    return refuse('its source is not where the parser says');
  }
  if (source.includes('\n')) {
    // Folding makes each line break a space (or nothing, after a trailing `\` in double quotes).
    return refuse('a plain or quoted scalar over several lines is folded into one line');
  }
  const value = read(source, offset);
  return value ? { ok: true, value } : refuse('an escape that cannot be mapped');
}

function plainChars(source: string, offset: number): SourcedText {
  const text = source.trimEnd();
  const starts = Array.from(text, (_, index) => offset + index);
  return { text, starts, ends: starts.map((start) => start + 1) };
}

function singleQuotedChars(source: string, offset: number): SourcedText {
  const chars = new CharsBuilder();
  for (let index = 1; index < source.length - 1; index++) {
    const quoteEscape = source[index] === "'" && source[index + 1] === "'";
    chars.push(source[index], offset + index, offset + index + (quoteEscape ? 2 : 1));
    index += quoteEscape ? 1 : 0;
  }
  return chars.done();
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function doubleQuotedChars(source: string, offset: number): SourcedText | undefined {
  const chars = new CharsBuilder();
  for (let index = 1; index < source.length - 1; index++) {
    const at = offset + index;
    if (source[index] !== '\\') {
      chars.push(source[index], at, at + 1);
      continue;
    }
    const escape = source[index + 1];
    const simple = SIMPLE_ESCAPES[escape];
    if (simple !== undefined) {
      chars.push(simple, at, at + 2);
      index += 1;
      continue;
    }
    const digits = HEX_DIGITS[escape];
    const hex = digits === undefined ? '' : source.slice(index + 2, index + 2 + digits);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) {
      return undefined;
    }
    // A character beyond the BMP is two UTF-16 units, both written by the one escape.
    for (const unit of String.fromCodePoint(parseInt(hex, 16)).split('')) {
      chars.push(unit, at, at + 2 + digits);
    }
    index += 1 + digits;
  }
  return chars.done();
}

/**
 * A `|` or `>` block: each line less its indentation, joined by the line breaks (each mapped to
 * where its line ends). A `>` block is only taken when folding changed nothing (one line, or lines
 * kept apart by being more indented); chomping only touches the final line breaks.
 */
function blockChars(node: Scalar, source: string, props: readonly { type: string; source?: unknown }[], yaml: string): ScalarSource {
  const bodyEnd = node.range?.[1];
  const bodyStart = bodyEnd === undefined ? -1 : bodyEnd - source.length;
  if (bodyStart < 0 || yaml.slice(bodyStart, bodyEnd) !== source) {
    return refuse('its source is not where the parser says');
  }
  const headerSource = props.find((prop) => prop.type === 'block-scalar-header')?.source;
  const header = typeof headerSource === 'string' ? headerSource : '';
  if (/[1-9]/.test(header)) {
    return refuse('a block scalar with an indentation indicator');
  }
  const lines = source.split('\n');
  const indent =
    lines
      .map((line) => line.replace(/\r$/, ''))
      .find((line) => line.trim() !== '')
      ?.search(/\S/) ?? 0;
  const chars = new CharsBuilder();
  let lineOffset = bodyStart;
  lines.forEach((line, index) => {
    const content = line.replace(/\r$/, '');
    for (let column = indent; column < content.length; column++) {
      chars.push(content[column], lineOffset + column, lineOffset + column + 1);
    }
    if (index < lines.length - 1) {
      chars.push('\n', lineOffset + content.length, lineOffset + line.length + 1);
    }
    lineOffset += line.length + 1;
  });
  const literal = chomped(chars.done(), header);
  if (node.type === Scalar.BLOCK_FOLDED && literal.text !== node.value) {
    return refuse('a folded (>) block scalar joins its lines with spaces');
  }
  return { ok: true, value: literal };
}

/** `|-` strips every final line break, `|+` keeps them all, `|` keeps one. */
function chomped(text: SourcedText, header: string): SourcedText {
  const content = text.text.replace(/\n*$/, '');
  const keep = header.includes('+') ? text.text.length : header.includes('-') || content.length === 0 ? content.length : Math.min(content.length + 1, text.text.length);
  return { text: text.text.slice(0, keep), starts: text.starts.slice(0, keep), ends: text.ends.slice(0, keep) };
}

class CharsBuilder {
  private text = '';
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  push(char: string, start: number, end: number): void {
    this.text += char;
    this.starts.push(start);
    this.ends.push(end);
  }

  done(): SourcedText {
    return { text: this.text, starts: this.starts, ends: this.ends };
  }
}
