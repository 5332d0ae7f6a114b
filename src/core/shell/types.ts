import { ExpansionKind } from './expansion';

/** A range on one line of the script: 0-based line, UTF-16 columns, `end` exclusive. */
export interface ShellSpan {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** An expansion in an unquoted heredoc body: `$VAR`, `${VAR...}`, `$(...)`, `` `...` ``, `$((...))`. */
export interface Expansion {
  /** Where it is written in the script; one that runs over several lines is cut at the end of its first. */
  readonly span: ShellSpan;
  /** As written, e.g. `${DB:-orders}` or `$(date +%s)`. */
  readonly text: string;
  readonly kind: ExpansionKind;
  /** The parameter for `$VAR`, `${VAR:-x}`, `$1`, `$@`... */
  readonly name?: string;
  /** Offsets of the expansion in the heredoc's `body`, `bodyEnd` exclusive. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
}

/**
 * Maps body positions back to the script. From a segment on, body characters follow the script
 * character by character on the segment's line, and each later body line continues on the next
 * script line after its stripped tabs (`bodyColumnOffsets`). A new segment starts only where that
 * stops being true: after a removed `\$` backslash, or where a line continuation joined two lines.
 */
export interface BodySegment {
  readonly bodyLine: number;
  readonly bodyColumn: number;
  readonly line: number;
  readonly column: number;
}
