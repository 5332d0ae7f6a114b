import { ExpansionKind, scanExpansion } from './expansion';
import { HeredocShape, readLogicalLine } from './heredocLines';
import { LineIndex, lineLength, Position } from './lines';
import { BodySegment, Expansion } from './types';

// Builds a heredoc body exactly as the shell feeds it to the command: logical lines (continuations
// joined in unquoted heredocs), leading tabs stripped for `<<-`, each line followed by "\n", and in
// unquoted heredocs the backslash of `\$`, `` \` `` and `\\` removed. Expansions stay as written:
// their values are unknown.
export interface HeredocBody {
  readonly body: string;
  readonly columnOffsets: readonly number[];
  readonly segments: readonly BodySegment[];
  readonly expansions: readonly Expansion[];
}

export interface BodyRange extends HeredocShape {
  readonly bodyStartLine: number;
  readonly terminatorLine: number;
}

/** Where a continuation line starts in the joined text: offset there, and its script line (column 0). */
interface Join {
  readonly offset: number;
  readonly line: number;
}

interface FoundExpansion {
  readonly start: number;
  readonly end: number;
  readonly kind: ExpansionKind;
  readonly name?: string;
}

/** Characters a backslash escapes in an unquoted heredoc (POSIX: as in double quotes, minus `"`). */
const HEREDOC_ESCAPABLE = '$`\\';

export function buildHeredocBody(lines: LineIndex, range: BodyRange): HeredocBody {
  const joined = joinLines(lines, range);
  const removed: number[] = [];
  const found: FoundExpansion[] = [];
  if (!range.quoted) {
    scanUnquoted(joined.text, removed, found);
  }
  const newMap = (): JoinedTextMap => new JoinedTextMap(joined.text, removed, joined.joins, joined.tabs, range.bodyStartLine);
  return {
    body: withoutRemoved(joined.text, removed),
    columnOffsets: joined.tabs,
    segments: segmentsOf(newMap(), joined, removed),
    expansions: expansionsOf(newMap(), found, joined.text, lines),
  };
}

interface JoinedText {
  readonly text: string;
  readonly tabs: number[];
  readonly joins: Join[];
}

/** The body lines with continuations joined and tabs stripped, before backslash removal. */
function joinLines(lines: LineIndex, range: BodyRange): JoinedText {
  const chunks: string[] = [];
  const tabs: number[] = [];
  const joins: Join[] = [];
  let length = 0;
  for (let line = range.bodyStartLine; line < range.terminatorLine;) {
    let pieces = 0;
    const logical = readLogicalLine(lines, line, range, range.terminatorLine, (start, end, physical) => {
      if (pieces++ > 0) {
        joins.push({ offset: length, line: physical });
      }
      chunks.push(lines.text.slice(start, end));
      length += end - start;
    });
    chunks.push('\n');
    length++;
    tabs.push(logical.tabs);
    line = logical.nextLine;
  }
  return { text: chunks.join(''), tabs, joins };
}

/** Finds the escapes whose backslash the shell removes, and the expansions, outside expansions. */
function scanUnquoted(text: string, removed: number[], found: FoundExpansion[]): void {
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      if (i + 1 < text.length && HEREDOC_ESCAPABLE.includes(text[i + 1])) {
        removed.push(i);
        i += 2;
      } else {
        i++;
      }
    } else if (c === '$' || c === '`') {
      const scanned = scanExpansion(text, i);
      if (scanned) {
        found.push({ start: i, end: scanned.end, kind: scanned.kind, ...(scanned.name !== undefined && { name: scanned.name }) });
        i = scanned.end;
      } else {
        i++;
      }
    } else {
      i++;
    }
  }
}

function withoutRemoved(text: string, removed: readonly number[]): string {
  if (removed.length === 0) {
    return text;
  }
  const parts: string[] = [];
  let from = 0;
  for (const offset of removed) {
    parts.push(text.slice(from, offset));
    from = offset + 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** Segments start at the body start, at every continuation line, and after every removed backslash. */
function segmentsOf(mapping: JoinedTextMap, joined: JoinedText, removed: readonly number[]): BodySegment[] {
  const segments = new SegmentList(joined.tabs);
  const starts = mergeSorted(
    joined.joins.map((join) => join.offset),
    removed.map((offset) => offset + 1),
  );
  for (const offset of [0, ...starts]) {
    mapping.moveTo(offset);
    segments.add({ ...mapping.bodyPosition(), ...mapping.scriptPosition() });
  }
  return segments.list;
}

function expansionsOf(mapping: JoinedTextMap, found: readonly FoundExpansion[], text: string, lines: LineIndex): Expansion[] {
  return found.map((expansion) => {
    mapping.moveTo(expansion.start);
    const start = mapping.scriptPosition();
    const bodyStart = mapping.bodyOffset();
    mapping.moveTo(expansion.end - 1);
    const last = mapping.scriptPosition();
    const end = last.line === start.line ? last.column + 1 : lineLength(lines, start.line);
    return {
      span: { line: start.line, start: start.column, end },
      text: text.slice(expansion.start, expansion.end),
      kind: expansion.kind,
      ...(expansion.name !== undefined && { name: expansion.name }),
      bodyStart,
      bodyEnd: bodyStart + expansion.end - expansion.start,
    };
  });
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    merged.push(j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++]);
  }
  return merged;
}

/**
 * Walks the joined text forwards only, keeping what is needed to map an offset in it to the body
 * (removed backslashes) and to the script (joins and stripped tabs) in constant time per step.
 */
class JoinedTextMap {
  private offset = 0;
  private bodyLine = 0;
  private lineStart = 0;
  private removedBefore = 0;
  private removedBeforeLine = 0;
  private joinsUpTo = 0;
  private joinsBeforeLine = 0;

  constructor(
    private readonly text: string,
    private readonly removed: readonly number[],
    private readonly joins: readonly Join[],
    private readonly tabs: readonly number[],
    private readonly firstLine: number,
  ) {
    this.countJoins();
  }

  moveTo(target: number): void {
    while (this.offset < target) {
      if (this.removed[this.removedBefore] === this.offset) {
        this.removedBefore++;
      }
      if (this.text.charCodeAt(this.offset) === 10) {
        this.bodyLine++;
        this.lineStart = this.offset + 1;
        this.removedBeforeLine = this.removedBefore;
        this.joinsBeforeLine = this.joinsUpTo;
      }
      this.offset++;
      this.countJoins();
    }
  }

  bodyOffset(): number {
    return this.offset - this.removedBefore;
  }

  bodyPosition(): { bodyLine: number; bodyColumn: number } {
    return { bodyLine: this.bodyLine, bodyColumn: this.offset - this.lineStart - (this.removedBefore - this.removedBeforeLine) };
  }

  scriptPosition(): Position {
    if (this.joinsUpTo > this.joinsBeforeLine) {
      const join = this.joins[this.joinsUpTo - 1];
      return { line: join.line, column: this.offset - join.offset };
    }
    return {
      line: this.firstLine + this.bodyLine + this.joinsBeforeLine,
      column: (this.tabs[this.bodyLine] ?? 0) + this.offset - this.lineStart,
    };
  }

  private countJoins(): void {
    while (this.joinsUpTo < this.joins.length && this.joins[this.joinsUpTo].offset <= this.offset) {
      this.joinsUpTo++;
    }
  }
}

class SegmentList {
  readonly list: BodySegment[] = [];

  constructor(private readonly tabs: readonly number[]) {}

  /** Adds a segment unless the previous one already predicts it. */
  add(segment: BodySegment): void {
    const last = this.list[this.list.length - 1];
    if (last !== undefined) {
      if (last.bodyLine === segment.bodyLine && last.bodyColumn === segment.bodyColumn) {
        this.list[this.list.length - 1] = segment;
        return;
      }
      const predicted = followSegment(last, segment.bodyLine, segment.bodyColumn, this.tabs);
      if (predicted.line === segment.line && predicted.column === segment.column) {
        return;
      }
    }
    this.list.push(segment);
  }
}

/** The script position of a body position at or after `segment`, before the next segment. */
export function followSegment(segment: BodySegment, bodyLine: number, bodyColumn: number, columnOffsets: readonly number[]): Position {
  if (bodyLine === segment.bodyLine) {
    return { line: segment.line, column: segment.column + bodyColumn - segment.bodyColumn };
  }
  return { line: segment.line + bodyLine - segment.bodyLine, column: (columnOffsets[bodyLine] ?? 0) + bodyColumn };
}
