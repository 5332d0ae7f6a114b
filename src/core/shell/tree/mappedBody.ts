import type { Node } from 'web-tree-sitter';
import { appendAll } from '../../appendAll';

// A request body built from shell words (`echo "x 1"`, `printf 'a %s\n' "$v"`, `--data "x 1"`,
// `<<< "$(date)"`), character by character with the script position each character comes from,
// so that a finding in the body lands on the script's own line and column. Expansions and printf
// conversions are placeholders: their values are unknown, and a finding touching one is dropped.

export interface BodyChar {
  readonly char: string;
  readonly line: number;
  readonly column: number;
  readonly placeholder: boolean;
}

export type MappedBody = BodyChar[];

const EXPANSIONS = new Set(['simple_expansion', 'expansion', 'command_substitution', 'arithmetic_expansion', 'process_substitution']);

/**
 * A word longer than this is read as one unknown value (a placeholder): a body of it would be an
 * object per character, over a gigabyte for a few megabytes of `printf "..."`.
 */
const MAX_WORD_CHARS = 1024 * 1024;

/** How the shell reads a word: quotes removed, escapes applied; `escapes` adds echo -e / printf's `\n`, `\t`, `\\`. */
export function wordBody(word: Node, escapes: boolean): MappedBody {
  if (word.text.length > MAX_WORD_CHARS) {
    return [{ char: '0', line: word.startPosition.row, column: word.startPosition.column, placeholder: true }];
  }
  const chars: MappedBody = [];
  appendWord(word, chars);
  return escapes ? applyBackslashEscapes(chars) : chars;
}

function appendWord(node: Node, chars: MappedBody): void {
  switch (node.type) {
    case 'concatenation':
      for (const child of node.children) {
        if (child) {
          appendWord(child, chars);
        }
      }
      return;
    case 'raw_string':
      appendLiteral(node, 1, node.text.length - 1, chars, false);
      return;
    case 'ansi_c_string':
      appendLiteral(node, 2, node.text.length - 1, chars, false);
      chars.splice(0, chars.length, ...applyBackslashEscapes(chars));
      return;
    case 'string':
      appendDoubleQuoted(node, chars);
      return;
    default:
      if (EXPANSIONS.has(node.type)) {
        appendPlaceholder(node, chars);
      } else {
        appendLiteral(node, 0, node.text.length, chars, true);
      }
  }
}

/** Characters `from`..`to` of the node's text; `unescape` drops a backslash before any character, as outside quotes. */
function appendLiteral(node: Node, from: number, to: number, chars: MappedBody, unescape: boolean): void {
  let line = node.startPosition.row;
  let column = node.startPosition.column;
  const text = node.text;
  const advance = (char: string) => ([line, column] = char === '\n' ? [line + 1, 0] : [line, column + 1]);
  for (let i = 0; i < text.length; i++) {
    if (i < from || i >= to) {
      advance(text[i]);
      continue;
    }
    if (unescape && text[i] === '\\' && i + 1 < to) {
      advance(text[i]);
      i++;
    }
    chars.push({ char: text[i], line, column, placeholder: false });
    advance(text[i]);
  }
}

/** Inside "...": `\$`, `` \` ``, `\"`, `\\` lose the backslash, a `\` line break joins lines, expansions are placeholders. */
function appendDoubleQuoted(node: Node, chars: MappedBody): void {
  const expansions = node.namedChildren.filter((child): child is Node => child !== null && EXPANSIONS.has(child.type));
  const text = node.text;
  let line = node.startPosition.row;
  let column = node.startPosition.column;
  const advance = (char: string) => ([line, column] = char === '\n' ? [line + 1, 0] : [line, column + 1]);
  advance(text[0]);
  for (let i = 1; i < text.length - 1; i++) {
    const expansion = expansions.find((candidate) => candidate.startIndex - node.startIndex === i);
    if (expansion) {
      appendPlaceholder(expansion, chars);
      for (const char of expansion.text) {
        advance(char);
      }
      i += expansion.text.length - 1;
      continue;
    }
    const char = text[i];
    const next = text[i + 1];
    if (char === '\\' && next !== undefined && '$`"\\\n'.includes(next) && i + 1 < text.length - 1) {
      advance(char);
      if (next !== '\n') {
        chars.push({ char: next, line, column, placeholder: false });
      }
      advance(next);
      i++;
      continue;
    }
    chars.push({ char, line, column, placeholder: false });
    advance(char);
  }
}

/** An expansion (or an f-string's `{expression}`): a placeholder character where each of its characters is written. */
export function appendPlaceholder(node: Node, chars: MappedBody): void {
  let line = node.startPosition.row;
  let column = node.startPosition.column;
  for (const char of node.text) {
    if (char === '\n') {
      [line, column] = [line + 1, 0];
      continue;
    }
    chars.push({ char: '0', line, column, placeholder: true });
    column++;
  }
}

const ESCAPED: Readonly<Record<string, string>> = { n: '\n', t: '\t', '\\': '\\', r: '\r', a: '\x07', e: '\x1b', "'": "'", '"': '"' };

/** echo -e / printf / $'...': `\n` becomes a line break placed where the backslash was. */
function applyBackslashEscapes(chars: MappedBody): MappedBody {
  const out: MappedBody = [];
  for (let i = 0; i < chars.length; i++) {
    const current = chars[i];
    const next = chars[i + 1];
    if (current.char === '\\' && !current.placeholder && next && !next.placeholder && ESCAPED[next.char] !== undefined) {
      out.push({ ...current, char: ESCAPED[next.char] });
      i++;
      continue;
    }
    out.push(current);
  }
  return out;
}

/**
 * What printf writes: the format (escapes already applied) with `%%` as a percent sign and each
 * conversion replaced by the next argument (`%s`, `%b`, and `%d`/`%i` of plain digits, as written)
 * or by a placeholder (other conversions, or no argument left); the format is used again while
 * arguments remain, as printf does.
 */
export function printfBody(format: MappedBody, args: readonly MappedBody[]): MappedBody {
  const out: MappedBody = [];
  let next = 0;
  do {
    const used = next;
    next = appendFormatted(format, args, next, out);
    if (next === used) {
      break;
    }
  } while (next < args.length);
  return out;
}

/** One pass over the format; returns the index of the first argument it did not use. */
function appendFormatted(format: MappedBody, args: readonly MappedBody[], first: number, out: MappedBody): number {
  let next = first;
  for (let i = 0; i < format.length; i++) {
    const current = format[i];
    if (current.char !== '%' || current.placeholder) {
      out.push(current);
      continue;
    }
    if (format[i + 1]?.char === '%') {
      out.push(current);
      i++;
      continue;
    }
    let end = i + 1;
    while (end < format.length && /[-+ #0-9.*]/.test(format[end].char)) {
      end++;
    }
    const conversion = format[end]?.char ?? '';
    if (!/[diouxXeEfFgGcsbq]/.test(conversion)) {
      out.push(current);
      continue;
    }
    const argument = args[next];
    next++;
    const plain = end === i + 1 && argument !== undefined && (conversion === 's' || conversion === 'b' || (/[di]/.test(conversion) && /^-?[0-9]+$/.test(bodyText(argument))));
    if (plain) {
      appendAll(out, argument);
    } else {
      for (let j = i; j <= end; j++) {
        out.push({ ...format[j], char: '0', placeholder: true });
      }
    }
    i = end;
  }
  return next;
}

/** A separator or final line break, placed just after `after` (or at its start when there is nothing before). */
export function syntheticChar(char: string, after: Node): BodyChar {
  return { char, line: after.endPosition.row, column: after.endPosition.column, placeholder: false };
}

export function bodyText(body: MappedBody): string {
  return body.map((entry) => entry.char).join('');
}
