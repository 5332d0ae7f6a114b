import { TextChange } from '../../src/core/exposition/fixes';

/**
 * The text after the changes (0-based lines and columns in `text`, as an editor applies a quick
 * fix): each change at its own place, multi-line ones included. Changes must not overlap; two
 * insertions at the same place come out in the order given.
 */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  const lineStarts = [0];
  for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) {
    lineStarts.push(newline + 1);
  }
  const offset = (line: number, column: number): number => {
    const start = lineStarts[line];
    if (start === undefined) {
      throw new Error(`line ${line} is past the end of the text (${lineStarts.length} lines)`);
    }
    return start + column;
  };
  const placed = changes.map((change, index) => ({ start: offset(change.startLine, change.startColumn), end: offset(change.endLine, change.endColumn), newText: change.newText, index }));
  // From the last change to the first, so that each one's offsets are still those of the original text.
  placed.sort((a, b) => b.start - a.start || b.index - a.index);
  let result = text;
  for (const change of placed) {
    result = result.slice(0, change.start) + change.newText + result.slice(change.end);
  }
  return result;
}
