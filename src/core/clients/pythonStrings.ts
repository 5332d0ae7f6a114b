// Python string literals as the interpreter reads them: escapes applied (not in raw strings), `{{`
// and `}}` of f-strings single, adjacent literals joined. As a plain value (a name, a URL), or
// character by character with where each is written, so that a push body the code spells out is
// linted on the code's own lines; an f-string's `{expression}` is a placeholder there, as a shell
// expansion is in a heredoc.
import { appendPlaceholder, BodyChar, bodyText, MappedBody } from '../shell/tree/mappedBody';
import { TreeNode } from '../shell/tree/shellParser';
import { escapedCharacter } from './codeTree';

// A backslash before a line break (LF, CRLF or CR: Python reads source with universal newlines) joins lines.
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '', '\r\n': '', '\r': '' };
const ESCAPE = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}\n]*\}|\r\n|[\s\S])/y;
/** `\N{DEGREE SIGN}`: a character by its Unicode name, which is not known here. */
const NAMED_ESCAPE = /^N\{/;

/**
 * The escape at `index` of a non-raw literal's text (a backslash there): what it stands for (undefined
 * for a character named by `\N{...}`) and how long it is written; an unknown one stays as written, as
 * Python keeps it.
 */
function escapeAt(text: string, index: number): { value: string | undefined; length: number } | undefined {
  ESCAPE.lastIndex = index;
  const match = ESCAPE.exec(text);
  if (match === null) {
    return undefined;
  }
  const [sequence, kind] = match;
  return { value: NAMED_ESCAPE.test(kind) ? undefined : escapeValue(sequence, kind), length: sequence.length };
}

/** escapeAt, when the escape stands for something else than its own text (an unknown one keeps its characters in their places). */
function knownEscapeAt(text: string, index: number): { value: string | undefined; length: number } | undefined {
  const escape = escapeAt(text, index);
  return escape !== undefined && escape.value !== text.slice(index, index + escape.length) ? escape : undefined;
}

function escapeValue(sequence: string, kind: string): string {
  if (SIMPLE_ESCAPES[kind] !== undefined) {
    return SIMPLE_ESCAPES[kind];
  }
  if (/^[xuU]/.test(kind) && kind.length > 1) {
    return escapedCharacter(parseInt(kind.slice(1), 16), sequence);
  }
  if (/^[0-7]+$/.test(kind)) {
    return escapedCharacter(parseInt(kind, 8), sequence);
  }
  return sequence;
}

/** A string literal's value (no f-string interpolation, no implicit concatenation); undefined otherwise. */
export function pythonStringValue(node: TreeNode): string | undefined {
  if (node.type !== 'string') {
    return undefined;
  }
  const body = pythonStringBody(node);
  return body === undefined || body.some((char) => char.placeholder) ? undefined : bodyText(body);
}

/** A string literal as written between its quotes (an f-string's `{expressions}` included); any other node's text. */
export function pythonStringWritten(node: TreeNode): string {
  const start = node.type === 'string' ? node.children.find((child) => child?.type === 'string_start') : undefined;
  const end = node.type === 'string' ? node.children.find((child) => child?.type === 'string_end') : undefined;
  return start && end ? node.text.slice(start.endIndex - node.startIndex, end.startIndex - node.startIndex) : node.text;
}

/** A string literal or adjacent literals (`"a" f"{b}"`), character by character with their positions; undefined for any other node. */
export function pythonStringBody(written: TreeNode): MappedBody | undefined {
  const node = withoutParentheses(written);
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.flatMap((child) => (child?.type === 'string' ? [pythonStringBody(child)] : []));
    return parts.every((part) => part !== undefined) ? parts.flat() : undefined;
  }
  if (node.type !== 'string') {
    return undefined;
  }
  const prefix = /^[a-zA-Z]*/.exec(node.text)?.[0] ?? '';
  const raw = /r/i.test(prefix);
  const formatted = /f/i.test(prefix);
  const chars: BodyChar[] = [];
  for (const child of node.children) {
    if (child?.type === 'string_content') {
      appendContent(child, raw, formatted, chars);
    } else if (child?.type === 'interpolation') {
      appendPlaceholder(child, chars);
    }
  }
  return chars;
}

/**
 * The characters of a piece of literal text, a UTF-16 unit each (as the lint counts them); an escape
 * becomes its character, placed on its backslash, and a line break written CRLF or CR is one `\n`.
 */
function appendContent(content: TreeNode, raw: boolean, formatted: boolean, chars: BodyChar[]): void {
  const text = content.text;
  let line = content.startPosition.row;
  let column = content.startPosition.column;
  for (let index = 0; index < text.length;) {
    const escape = !raw && text[index] === '\\' ? knownEscapeAt(text, index) : undefined;
    const doubledBrace = formatted && (text.startsWith('{{', index) || text.startsWith('}}', index));
    const lineBreak = text[index] === '\r' ? (text[index + 1] === '\n' ? 2 : 1) : 0;
    const length = escape?.length ?? (doubledBrace ? 2 : lineBreak || 1);
    const value = escape !== undefined ? escape.value : lineBreak > 0 ? '\n' : text[index];
    if (value === undefined) {
      chars.push({ char: '0', line, column, placeholder: true });
    } else {
      for (let unit = 0; unit < value.length; unit++) {
        chars.push({ char: value[unit], line, column, placeholder: false });
      }
    }
    for (let unit = index; unit < index + length; unit++) {
      const written = text[unit];
      const endsLine = written === '\n' || (written === '\r' && text[unit + 1] !== '\n');
      [line, column] = endsLine ? [line + 1, 0] : [line, column + 1];
    }
    index += length;
  }
}

/** `(value)` → value. */
export function withoutParentheses(node: TreeNode): TreeNode {
  let inner = node;
  while (inner.type === 'parenthesized_expression') {
    const child = inner.namedChildren.find((part) => part !== null && part.type !== 'comment');
    if (!child) {
      break;
    }
    inner = child;
  }
  return inner;
}
