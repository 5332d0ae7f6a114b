import { Diagnostic } from '../../exposition/diagnostic';
import { LintOptions } from '../../exposition/lint';
import { BodyLintCache, lintBody } from '../bodyLintCache';
import { Span } from '../../exposition/model';
import { indexLines, lineStart } from '../lines';
import { BodyChar, bodyText, MappedBody } from './mappedBody';

/**
 * Lints a body built from shell words (echo, printf, a string, a here-string) and puts each
 * finding on the script line and column its characters come from. A finding that touches a
 * placeholder (an expansion, a printf conversion) is dropped: its value is unknown.
 */
export function lintMappedBody(body: MappedBody, options: Pick<LintOptions, 'severities' | 'target' | 'groupingLabels'>, bodyCache?: BodyLintCache): Diagnostic[] {
  const text = bodyText(body);
  const lines = indexLines(text);
  const offsetOf = (line: number, column: number) => lineStart(lines, line) + column;
  const found: Diagnostic[] = [];
  for (const diagnostic of lintBody(text, options, bodyCache).diagnostics) {
    const start = Math.min(offsetOf(diagnostic.span.line, diagnostic.span.start), text.length);
    const end = Math.min(offsetOf(diagnostic.span.line, Math.max(diagnostic.span.end, diagnostic.span.start + 1)), text.length);
    if (body.slice(start, Math.max(end, start + 1)).some((entry) => entry.placeholder)) {
      continue;
    }
    found.push({ ...diagnostic, span: scriptSpan(body, start, offsetOf(diagnostic.span.line, diagnostic.span.end)) });
  }
  return found;
}

function scriptSpan(body: MappedBody, start: number, end: number): Span {
  const first = positionOf(body, start);
  const last = end > start ? body[Math.min(end, body.length) - 1] : undefined;
  const sameLine = last !== undefined && last.line === first.line && last.column >= first.column;
  return { line: first.line, start: first.column, end: sameLine ? last.column + 1 : first.column };
}

/** Where body character `offset` is written; just after the last one for the end of the body. */
function positionOf(body: MappedBody, offset: number): Pick<BodyChar, 'line' | 'column'> {
  if (offset < body.length) {
    return body[offset];
  }
  const last = body[body.length - 1];
  return last ? { line: last.line, column: last.column + 1 } : { line: 0, column: 0 };
}
