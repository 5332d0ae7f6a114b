import { Family, Sample } from './model';

/** A run of lines, first and last included (0-based). */
export interface LineBlock {
  readonly first: number;
  readonly last: number;
}

/** The name a sample has in the outline: `name{label="value",…}`, values quoted as JSON strings. */
export function sampleOutlineName(sample: Sample): string {
  const labels = sample.labels.map((label) => `${label.name.text}=${JSON.stringify(label.value)}`).join(',');
  return labels ? `${sample.name.text}{${labels}}` : sample.name.text;
}

/** From the family's first line to its last (other families' lines between them included); its lines are in document order. */
export function familyLineSpan(family: Family): LineBlock {
  return { first: family.lines[0] ?? 0, last: family.lines[family.lines.length - 1] ?? 0 };
}

/** The runs of adjacent lines among these lines (in any order): what folds as one block. */
export function contiguousBlocks(lines: readonly number[]): LineBlock[] {
  const sorted = [...lines].sort((a, b) => a - b);
  const blocks: Array<{ first: number; last: number }> = [];
  for (const line of sorted) {
    const current = blocks[blocks.length - 1];
    if (current && line <= current.last + 1) {
      current.last = Math.max(current.last, line);
    } else {
      blocks.push({ first: line, last: line });
    }
  }
  return blocks;
}
