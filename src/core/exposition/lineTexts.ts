/**
 * The text of a line of a document, or of a piece of one whose first line is `firstLine`, found by
 * scanning on from the last line asked for: problems ask in document order, so each new-line is
 * passed once, and nothing is indexed for a document without any.
 */
export class LineTexts {
  private line: number;
  private offset = 0;

  constructor(
    private readonly text: string,
    private readonly firstLine: number,
  ) {
    this.line = firstLine;
  }

  of(line: number): string {
    if (line < this.line) {
      this.line = this.firstLine;
      this.offset = 0;
    }
    while (this.line < line) {
      const newline = this.text.indexOf('\n', this.offset);
      if (newline < 0) {
        return '';
      }
      this.offset = newline + 1;
      this.line++;
    }
    const end = this.text.indexOf('\n', this.offset);
    return this.text.slice(this.offset, end < 0 ? this.text.length : end);
  }
}
