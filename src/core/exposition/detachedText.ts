import { HelpLine, Span, Token, TypeLine } from './model';

// V8 keeps a slice of a long string (13 characters or more) as a view into it. A family name or HELP
// text kept from a piece of a large document would keep the whole piece alive, and with one such
// string per piece, the whole input: what outlives its piece is copied.

/** `text` as a string of its own, sharing no memory with the string it was cut from. */
export function detachedText(text: string): string {
  // Slicing a concatenation flattens it into a new string first, which is the copy.
  return text.length < 13 ? text : (' ' + text).slice(1);
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
