// Python string literals as the interpreter reads them: escapes applied (not in raw strings), `{{`
// and `}}` of f-strings single, adjacent literals joined. As a plain value (a name, a URL), or
// character by character with where each is written, so that a push body the code spells out is
// linted on the code's own lines; an f-string's `{expression}` is a placeholder there, as a shell
// expansion is in a heredoc.
import { appendPlaceholder, BodyChar, MappedBody } from '../shell/tree/mappedBody';
import { TreeNode } from '../shell/tree/shellParser';
import { escapedCharacter } from './codeTree';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };
const ESCAPE = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/y;

/** The escape at `index` of a non-raw literal's text (a backslash there): what it stands for and how long it is written; an unknown one stays as written, as Python keeps it. */
function escapeAt(text: string, index: number): { value: string; length: number } | undefined {
  ESCAPE.lastIndex = index;
  const match = ESCAPE.exec(text);
  if (match === null) {
    return undefined;
  }
  const [sequence, kind] = match;
  return { value: escapeValue(sequence, kind), length: sequence.length };
}

/** escapeAt, when the escape stands for something else than its own text (an unknown one keeps its characters in their places). */
function knownEscapeAt(text: string, index: number): { value: string; length: number } | undefined {
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
  return body === undefined || body.some((char) => char.placeholder) ? undefined : body.map((char) => char.char).join('');
}

/** A string literal as written between its quotes (an f-string's `{expressions}` included); any other node's text. */
export function pythonStringWritten(node: TreeNode): string {
  const start = node.type === 'string' ? node.children.find((child) => child?.type === 'string_start') : undefined;
  const end = node.type === 'string' ? node.children.find((child) => child?.type === 'string_end') : undefined;
  return start && end ? node.text.slice(start.endIndex - node.startIndex, end.startIndex - node.startIndex) : node.text;
}

/** A string literal or adjacent literals (`"a" f"{b}"`), character by character with their positions; undefined for any other node. */
export function pythonStringBody(node: TreeNode): MappedBody | undefined {
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

/** The characters of a piece of literal text; an escape becomes its character, placed on its backslash. */
function appendContent(content: TreeNode, raw: boolean, formatted: boolean, chars: BodyChar[]): void {
  const text = content.text;
  let line = content.startPosition.row;
  let column = content.startPosition.column;
  for (let index = 0; index < text.length;) {
    const escape = !raw && text[index] === '\\' ? knownEscapeAt(text, index) : undefined;
    const doubledBrace = formatted && (text.startsWith('{{', index) || text.startsWith('}}', index));
    const length = escape?.length ?? (doubledBrace ? 2 : 1);
    for (const char of escape?.value ?? text[index]) {
      chars.push({ char, line, column, placeholder: false });
    }
    for (const written of text.slice(index, index + length)) {
      [line, column] = written === '\n' ? [line + 1, 0] : [line, column + 1];
    }
    index += length;
  }
}
