import { ExpansionKind, scanExpansion, skipSingleQuoted } from './expansion';
import { newlineLength } from './lines';

/** An expansion inside a word's value; offsets are into the value. */
export interface ValueExpansion {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: ExpansionKind;
  readonly name?: string;
}

/** A word after quote removal, with its expansions left as written (they cannot be evaluated). */
export interface WordValue {
  readonly value: string;
  readonly expansions: readonly ValueExpansion[];
}

/** Escapes a backslash keeps its meaning for inside double quotes (POSIX 2.2.3). */
const DOUBLE_QUOTE_ESCAPABLE = '$`"\\';

/** Removes quotes and backslashes from the word `text[start, end)` as the shell would. */
export function wordValue(text: string, start: number, end: number): WordValue {
  const builder = new ValueBuilder(text, end);
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '\\') {
      i = builder.escape(i, true);
    } else if (c === "'") {
      i = builder.singleQuoted(i + 1);
    } else if (c === '$' && text[i + 1] === "'") {
      i = builder.ansiQuoted(i + 2);
    } else if (c === '"' || (c === '$' && text[i + 1] === '"')) {
      i = builder.doubleQuoted(c === '"' ? i + 1 : i + 2);
    } else if (c === '$' || c === '`') {
      i = builder.expansion(i);
    } else {
      builder.append(c);
      i++;
    }
  }
  return { value: builder.value, expansions: builder.expansions };
}

class ValueBuilder {
  value = '';
  readonly expansions: ValueExpansion[] = [];

  constructor(
    private readonly text: string,
    private readonly end: number,
  ) {}

  append(chunk: string): void {
    this.value += chunk;
  }

  /** A backslash at `i`: drops a quoted line break, otherwise keeps the next character literally. */
  escape(i: number, unquoted: boolean): number {
    const lineBreak = newlineLength(this.text, i + 1);
    if (lineBreak > 0) {
      return i + 1 + lineBreak;
    }
    if (i + 1 >= this.end) {
      this.append('\\');
      return i + 1;
    }
    const next = this.text[i + 1];
    this.append(unquoted || DOUBLE_QUOTE_ESCAPABLE.includes(next) ? next : `\\${next}`);
    return i + 2;
  }

  singleQuoted(from: number): number {
    const after = skipSingleQuoted(this.text, from, this.end);
    this.append(this.text.slice(from, this.text[after - 1] === "'" && after > from ? after - 1 : after));
    return after;
  }

  /** `$'...'`: the content is kept with its C escapes, which a URL does not need decoded. */
  ansiQuoted(from: number): number {
    let i = from;
    while (i < this.end && this.text[i] !== "'") {
      i += this.text[i] === '\\' ? 2 : 1;
    }
    this.append(this.text.slice(from, Math.min(i, this.end)));
    return Math.min(i + 1, this.end);
  }

  doubleQuoted(from: number): number {
    let i = from;
    while (i < this.end && this.text[i] !== '"') {
      const c = this.text[i];
      if (c === '\\') {
        i = this.escape(i, false);
      } else if (c === '$' || c === '`') {
        i = this.expansion(i);
      } else {
        this.append(c);
        i++;
      }
    }
    return Math.min(i + 1, this.end);
  }

  expansion(i: number): number {
    const scanned = scanExpansion(this.text, i, this.end);
    if (!scanned) {
      this.append('$');
      return i + 1;
    }
    const written = this.text.slice(i, scanned.end);
    const start = this.value.length;
    this.append(written);
    this.expansions.push({ start, end: this.value.length, text: written, kind: scanned.kind, name: scanned.name });
    return scanned.end;
  }
}

/** Every expansion in a text as written (a URL, a body), in order: the shell's own scanner. */
export function expansionsIn(url: string): ValueExpansion[] {
  const found: ValueExpansion[] = [];
  for (let i = 0; i < url.length; i++) {
    if (url[i] !== '$' && url[i] !== '`') {
      continue;
    }
    const scanned = scanExpansion(url, i);
    if (scanned) {
      found.push({ start: i, end: scanned.end, text: url.slice(i, scanned.end), kind: scanned.kind, ...(scanned.name !== undefined && { name: scanned.name }) });
      i = scanned.end - 1;
    }
  }
  return found;
}
