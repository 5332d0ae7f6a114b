import { HelpLine, Span, Token, TypeLine } from './model';

// V8 keeps a slice of a long string (13 characters or more) as a view into it. A family name or HELP
// text kept from a piece of a large document would keep the whole piece alive, and with one such
// string per piece, the whole input: what outlives its piece is copied.

/** `text` as a string of its own, sharing no memory with the string it was cut from. */
export function detachedText(text: string): string {
  // A round trip through JSON makes a flat string of the text's own size. (The shorter-looking
  // `(' ' + text).slice(1)` gives a slice of a flattened copy: both strings, nearly twice the memory.)
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/**
 * detachedText for many strings that repeat (label names and values, finding messages): each distinct
 * text copied once, so that what repeats stays one string, as the parser gave it.
 */
export class DetachedTexts {
  /** Made at the first text long enough to need a copy: most pushes of many small families have none. */
  private copies: Map<string, string> | undefined;
  /** How many more texts may be copied: unbounded unless a reader of pieces sets a budget (see allowCopies). */
  private copiesLeft = Infinity;

  /** `limit`: how many distinct texts are remembered; later new ones are copied each time. */
  constructor(private readonly limit = Infinity) {}

  /**
   * From the first call on, copies at most one text per `charactersPerCopy` characters of the input
   * given so far (`characters` more now). A text past that budget stays a slice, and may keep its
   * piece of input: but only once there are more texts than input/charactersPerCopy, so the input they
   * keep (at most all of it) stays within charactersPerCopy characters per text on the whole, though
   * one such text may keep a whole piece. Copying every text costs more than keeping
   * the input when nearly every line has a finding (~2 µs for a message of 130 characters).
   */
  allowCopies(characters: number, charactersPerCopy: number): void {
    this.copiesLeft = (this.copiesLeft === Infinity ? 0 : this.copiesLeft) + Math.ceil(characters / charactersPerCopy);
  }

  of(text: string): string {
    // Past the budget even the look-up is skipped: hashing a message built of parts flattens it.
    if (text.length < 13 || this.copiesLeft <= 0) {
      return text;
    }
    this.copies ??= new Map();
    let copy = this.copies.get(text);
    if (copy === undefined) {
      this.copiesLeft--;
      copy = detachedText(text);
      if (this.copies.size < this.limit) {
        this.copies.set(copy, copy);
      }
    }
    return copy;
  }
}

/** A plain copy of a span: the parser's tokens are their own spans, text included. */
function spanCopy({ line, start, end }: Span): Span {
  return { line, start, end };
}

function detachedToken(token: Token): Token {
  return { text: detachedText(token.text), span: spanCopy(token.span) };
}

export function detachedHelp(help: HelpLine): HelpLine {
  return { text: detachedText(help.text), name: detachedToken(help.name), line: help.line, textSpan: spanCopy(help.textSpan) };
}

export function detachedType(type: TypeLine): TypeLine {
  return { type: type.type, name: detachedToken(type.name), line: type.line, typeToken: detachedToken(type.typeToken) };
}
