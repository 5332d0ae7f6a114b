// Line bookkeeping for shell scripts. A line ends at "\n"; a "\r" right before it belongs to the
// line break (CRLF scripts), so line contents never include it and columns stay those of the editor.
const CR = 13;
const LF = 10;

export interface LineIndex {
  readonly text: string;
  /** Offset of the first character of every line, plus a last entry when the text ends with "\n". */
  readonly starts: readonly number[];
  /** The number of lines; a final line break does not start another line. */
  readonly count: number;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

export function indexLines(text: string): LineIndex {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  const count = starts[starts.length - 1] === text.length ? starts.length - 1 : starts.length;
  return { text, starts, count };
}

/** Offset of the first character of a line, or the end of the text for the line after the last. */
export function lineStart(index: LineIndex, line: number): number {
  return line < index.starts.length ? index.starts[line] : index.text.length;
}

/** Offset just after the last character of a line's content (before "\n" or "\r\n"). */
export function lineEnd(index: LineIndex, line: number): number {
  if (line + 1 >= index.starts.length) {
    return index.text.length;
  }
  const newline = index.starts[line + 1] - 1;
  return newline > index.starts[line] && index.text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
}

export function lineLength(index: LineIndex, line: number): number {
  return line < index.count ? lineEnd(index, line) - lineStart(index, line) : 0;
}

export function positionAt(index: LineIndex, offset: number): Position {
  let low = 0;
  let high = index.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (index.starts[middle] <= offset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return { line: low, column: offset - index.starts[low] };
}

/** Length of the line break at `offset`: 1 for "\n", 2 for "\r\n", 0 when there is none. */
export function newlineLength(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  if (code === LF) {
    return 1;
  }
  return code === CR && text.charCodeAt(offset + 1) === LF ? 2 : 0;
}
