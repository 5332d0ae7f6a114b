// Go string literals read as the compiler reads them: an interpreted literal's escapes applied, a
// raw literal's carriage returns dropped. Character by character with where each is written, so that
// a finding in a pushed body lands on the code's own line and column.
import { BodyChar, MappedBody } from '../shell/tree/mappedBody';
import { TreeNode } from '../shell/tree/shellParser';
import { escapedCharacter } from './codeTree';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
const ESCAPE = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/y;

export function isGoStringLiteral(node: TreeNode): boolean {
  return node.type === 'interpreted_string_literal' || node.type === 'raw_string_literal';
}

/** A Go string literal's value; undefined for anything else. */
export function goString(node: TreeNode | null | undefined): string | undefined {
  return node
    ? goStringBody(node)
        ?.map((char) => char.char)
        .join('')
    : undefined;
}

/** A Go string literal's characters (UTF-16 units) with their positions, an escape's on its backslash; undefined for any other node. */
export function goStringBody(node: TreeNode): MappedBody | undefined {
  if (!isGoStringLiteral(node)) {
    return undefined;
  }
  const raw = node.type === 'raw_string_literal';
  const text = node.text;
  const chars: BodyChar[] = [];
  let line = node.startPosition.row;
  let column = node.startPosition.column + 1;
  const push = (value: string) => {
    for (let unit = 0; unit < value.length; unit++) {
      chars.push({ char: value[unit], line, column, placeholder: false });
    }
  };
  // Between the opening and the closing quote (an unterminated literal runs to the node's end).
  const end = text.length > 1 && text[text.length - 1] === text[0] ? text.length - 1 : text.length;
  for (let index = 1; index < end;) {
    const char = text[index];
    if (raw && char === '\r') {
      index++;
      column++;
    } else if (char === '\n') {
      push('\n');
      index++;
      line++;
      column = 0;
    } else if (!raw && char === '\\') {
      ESCAPE.lastIndex = index;
      const sequence = ESCAPE.exec(text)?.[0] ?? '\\';
      push(escapeValue(sequence));
      index += sequence.length;
      column += sequence.length;
    } else {
      push(char);
      index++;
      column++;
    }
  }
  return chars;
}

/** What an escape sequence stands for; one Go refuses stands for itself, as written. */
function escapeValue(sequence: string): string {
  const kind = sequence.slice(1);
  if (SIMPLE_ESCAPES[kind] !== undefined) {
    return SIMPLE_ESCAPES[kind];
  }
  if (/^[xuU]./.test(kind)) {
    return escapedCharacter(parseInt(kind.slice(1), 16), sequence);
  }
  return /^[0-7]{3}$/.test(kind) ? escapedCharacter(parseInt(kind, 8), sequence) : sequence;
}
