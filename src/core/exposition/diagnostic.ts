import { DiagnosticCode } from './codes';
import { Span } from './model';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A finding about an exposition document, ready for the editor or the CLI. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** The reference tool's own words for it, e.g. promtool's `foo no help text`. */
  readonly reference?: string;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.span.line - b.span.line || a.span.start - b.span.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code);
}
