import { LineBlock } from './outlineBlocks';

/** A position in a document, 0-based, as an editor selection gives it. */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

/**
 * The whole lines a selection covers, so that a push never cuts a sample: a selection that ends at
 * the start of a line (a whole-line selection made with Shift+Down) does not take that line.
 */
export function selectedLines(start: TextPosition, end: TextPosition): LineBlock {
  const last = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  return { first: start.line, last };
}
