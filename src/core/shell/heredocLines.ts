import { LineIndex, lineEnd, lineStart } from './lines';

// Heredoc bodies line by line, the way bash reads them: in an unquoted heredoc a line ending in an
// unescaped backslash continues on the next line (the backslash and the line break are dropped),
// `<<-` strips leading tabs from each line so joined, and the delimiter must equal such a line.
export interface HeredocShape {
  readonly delimiter: string;
  readonly quoted: boolean;
  readonly stripsTabs: boolean;
}

export interface LogicalLine {
  /** The line after the last physical line of this one. */
  readonly nextLine: number;
  /** Leading tabs removed (`<<-`). */
  readonly tabs: number;
}

/** Receives the pieces of a logical line: script offsets `[start, end)` on physical line `line`. */
export type PieceVisitor = (start: number, end: number, line: number) => void;

/** Reads the logical line starting at physical line `first`, never joining beyond `endLine`. */
export function readLogicalLine(lines: LineIndex, first: number, shape: HeredocShape, endLine: number, visit: PieceVisitor): LogicalLine {
  const text = lines.text;
  const firstEnd = lineEnd(lines, first);
  let start = lineStart(lines, first);
  let tabs = 0;
  if (shape.stripsTabs) {
    while (start + tabs < firstEnd && text[start + tabs] === '\t') {
      tabs++;
    }
    start += tabs;
  }
  for (let line = first; ; line++) {
    const end = lineEnd(lines, line);
    const joins = !shape.quoted && line + 1 < endLine && endsWithLineContinuation(text, start, end);
    visit(start, joins ? end - 1 : end, line);
    if (!joins) {
      return { nextLine: line + 1, tabs };
    }
    start = lineStart(lines, line + 1);
  }
}

/** An odd run of backslashes at the end: the last one escapes the line break (`\\` is a literal backslash). */
function endsWithLineContinuation(text: string, start: number, end: number): boolean {
  let backslashes = 0;
  while (end - backslashes > start && text[end - backslashes - 1] === '\\') {
    backslashes++;
  }
  return backslashes % 2 === 1;
}

export interface Terminator {
  /** First physical line of the delimiter line, or the line count when there is none. */
  readonly terminatorLine: number;
  readonly terminated: boolean;
  /** Where the script goes on after the heredoc. */
  readonly resumeLine: number;
}

export function findTerminator(lines: LineIndex, shape: HeredocShape, bodyStartLine: number): Terminator {
  const matcher = new DelimiterMatcher(lines.text, shape.delimiter);
  for (let line = bodyStartLine; line < lines.count;) {
    matcher.reset();
    const logical = readLogicalLine(lines, line, shape, lines.count, matcher.visit);
    if (matcher.matches()) {
      return { terminatorLine: line, terminated: true, resumeLine: logical.nextLine };
    }
    line = logical.nextLine;
  }
  return { terminatorLine: lines.count, terminated: false, resumeLine: lines.count };
}

/** Compares the pieces of a logical line with the delimiter without building the line. */
class DelimiterMatcher {
  private matched = 0;
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly delimiter: string,
  ) {}

  readonly visit = (start: number, end: number): void => {
    const length = end - start;
    if (this.failed || length === 0) {
      return;
    }
    if (length > this.delimiter.length - this.matched || !this.text.startsWith(this.delimiter.slice(this.matched, this.matched + length), start)) {
      this.failed = true;
      return;
    }
    this.matched += length;
  };

  reset(): void {
    this.matched = 0;
    this.failed = false;
  }

  matches(): boolean {
    return !this.failed && this.matched === this.delimiter.length;
  }
}
