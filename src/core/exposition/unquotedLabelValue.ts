import { Span } from './model';

const SINGLE_QUOTE = "'";

/**
 * The whole of a label value written without double quotes (`{format=csv}`), from where the parser
 * expected the opening quote: up to the `,` or `}` after it (a single-quoted value up to its closing
 * quote), blanks at its end left out. The parser's span of the problem is one character wide.
 */
export function unquotedLabelValueSpan(span: Span, lineText: string): Span {
  let end = lineText.length;
  const closingSingleQuote = lineText[span.start] === SINGLE_QUOTE ? lineText.indexOf(SINGLE_QUOTE, span.start + 1) : -1;
  if (closingSingleQuote >= 0) {
    end = closingSingleQuote + 1;
  } else {
    const delimiter = lineText.slice(span.start).search(/[,}]/);
    if (delimiter >= 0) {
      end = span.start + delimiter;
    }
  }
  while (end > span.start && (lineText[end - 1] === ' ' || lineText[end - 1] === '\t')) {
    end--;
  }
  return end > span.start ? { line: span.line, start: span.start, end } : span;
}

/**
 * The value to write between double quotes for what `unquotedLabelValueSpan` covers, when quoting
 * cannot change what it says (no `"` or `\` in it); none where no value was written (`{x=}`).
 */
export function quotableLabelValue(written: string): string | undefined {
  const singleQuoted = written.length >= 2 && written.startsWith(SINGLE_QUOTE) && written.endsWith(SINGLE_QUOTE);
  const value = singleQuoted ? written.slice(1, -1) : written;
  const unsafe = singleQuoted ? /["\\]/ : /["\\,}]/;
  return value.length > 0 && !unsafe.test(value) ? value : undefined;
}
