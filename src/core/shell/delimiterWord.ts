import { skipSingleQuoted } from './expansion';
import { newlineLength } from './lines';

/**
 * The word after `<<`, read the way bash reads it: quote removal only, no expansion. Quoting any
 * part of it (`'EOF'`, `"EOF"`, `\EOF`, `E"O"F`, `$'EOF'`) makes the heredoc body literal.
 */
export interface DelimiterWord {
  /** Offset just after the word; equal to `from` when there is no word. */
  readonly end: number;
  readonly delimiter: string;
  readonly quoted: boolean;
}

/** Characters that end a word. */
const WORD_BREAKS = ' \t\n|&;()<>';

export function readDelimiterWord(text: string, from: number): DelimiterWord {
  let delimiter = '';
  let quoted = false;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (WORD_BREAKS.includes(c) || newlineLength(text, i) === 2) {
      break;
    }
    if (c === '$' && (text[i + 1] === "'" || text[i + 1] === '"')) {
      // bash: `<<$'E\tOF'` ends at a line "E<tab>OF"; `$"..."` is a double-quoted word.
      quoted = true;
      const content = text[i + 1] === "'" ? ansiQuotedDelimiter(text, i + 2) : doubleQuotedDelimiter(text, i + 2);
      delimiter += content.text;
      i = content.end;
    } else if (c === "'") {
      quoted = true;
      const after = skipSingleQuoted(text, i + 1, text.length);
      delimiter += text.slice(i + 1, text[after - 1] === "'" && after > i + 1 ? after - 1 : after);
      i = after;
    } else if (c === '"') {
      quoted = true;
      const content = doubleQuotedDelimiter(text, i + 1);
      delimiter += content.text;
      i = content.end;
    } else if (c === '\\') {
      const lineBreak = newlineLength(text, i + 1);
      if (lineBreak === 0) {
        quoted = true;
        delimiter += text.slice(i + 1, i + 2);
      }
      i += 1 + Math.max(1, lineBreak);
    } else {
      delimiter += c;
      i++;
    }
  }
  return { end: Math.min(i, text.length), delimiter, quoted };
}

const ANSI_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** The text of `$'...'` from `from` on, with the common C escapes decoded. */
function ansiQuotedDelimiter(text: string, from: number): { text: string; end: number } {
  let content = '';
  let i = from;
  while (i < text.length && text[i] !== "'") {
    if (text[i] === '\\' && i + 1 < text.length) {
      const escaped = text[i + 1];
      content += ANSI_ESCAPES[escaped] ?? escaped;
      i += 2;
    } else {
      content += text[i];
      i++;
    }
  }
  return { text: content, end: Math.min(i + 1, text.length) };
}

function doubleQuotedDelimiter(text: string, from: number): { text: string; end: number } {
  let content = '';
  let i = from;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && '$`"\\'.includes(text[i + 1] ?? 'x')) {
      content += text[i + 1];
      i += 2;
    } else {
      content += text[i];
      i++;
    }
  }
  return { text: content, end: Math.min(i + 1, text.length) };
}
