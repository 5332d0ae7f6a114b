import { compareDiagnostics, Diagnostic } from '../exposition/diagnostic';
import { quickFixesFor, QuickFix, TextChange } from '../exposition/fixes';
import { lintExposition, LintOptions, LintResult } from '../exposition/lint';
import { Span } from '../exposition/model';
import { GatewayTarget } from '../protocol/gatewayTarget';
import { pushSiteDiagnostics } from '../hygiene/pushSiteHygiene';
import { parsePushPath } from '../protocol/groupingKey';
import { bodyPositionToScript, bodyWithPlaceholders, findMetricHeredocs, MetricHeredoc } from './heredocs';

export interface LintedHeredoc {
  readonly heredoc: MetricHeredoc;
  /** The body as linted: expansions replaced by same-length placeholders. */
  readonly lintedBody: string;
  /** Findings in body coordinates. */
  readonly result: LintResult;
}

export interface ShellScriptLint {
  readonly heredocs: LintedHeredoc[];
  /** Findings of every metric heredoc, in the script's coordinates. */
  readonly diagnostics: Diagnostic[];
}

/**
 * Lints the metric heredocs of a shell script. Shell expansions in a body (`$SIZE`, `$(date +%s)`)
 * stand for values we cannot know: they are linted as a run of zeros, and a finding that touches
 * one is dropped. The grouping labels of a literal push URL count as URL labels.
 */
export interface ShellLintOptions extends Pick<LintOptions, 'severities' | 'target'> {
  /** The target of one heredoc (the gateway its push URL names), when known; else `target`. */
  readonly targetOf?: (heredoc: MetricHeredoc) => GatewayTarget | undefined;
}

export function lintShellScript(script: string, options: ShellLintOptions = {}): ShellScriptLint {
  const heredocs = findMetricHeredocs(script).map((heredoc) => lintHeredoc(heredoc, options));
  const diagnostics = heredocs.flatMap((linted) => [...urlDiagnostics(linted.heredoc), ...pushSiteDiagnostics(script, linted.heredoc, options), ...toScriptDiagnostics(linted)]);
  diagnostics.sort(compareDiagnostics);
  return { heredocs, diagnostics };
}

function lintHeredoc(heredoc: MetricHeredoc, options: ShellLintOptions): LintedHeredoc {
  const lintedBody = bodyWithPlaceholders(heredoc);
  const groupingLabels = heredoc.push?.groupingKey ? Object.keys(heredoc.push.groupingKey.labels) : [];
  const target = options.targetOf?.(heredoc) ?? options.target;
  return { heredoc, lintedBody, result: lintExposition(lintedBody, { severities: options.severities, groupingLabels, ...(target ? { target } : {}) }) };
}

function toScriptDiagnostics({ heredoc, lintedBody, result }: LintedHeredoc): Diagnostic[] {
  const lineStarts = lineStartOffsets(lintedBody);
  const touchesExpansion = (span: Span) => {
    const start = (lineStarts[span.line] ?? 0) + span.start;
    const end = (lineStarts[span.line] ?? 0) + Math.max(span.end, span.start + 1);
    return heredoc.expansions.some((expansion) => expansion.bodyStart < end && start < expansion.bodyEnd);
  };
  return result.diagnostics.filter((diagnostic) => !touchesExpansion(diagnostic.span)).map((diagnostic) => ({ ...diagnostic, span: toScriptSpan(heredoc, diagnostic.span) }));
}

function toScriptSpan(heredoc: MetricHeredoc, span: Span): Span {
  const start = bodyPositionToScript(heredoc, span.line, span.start);
  const end = bodyPositionToScript(heredoc, span.line, span.end);
  return { line: start.line, start: start.column, end: end.line === start.line ? end.column : start.column };
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return starts;
}

/**
 * The quick fixes of one of `lint.diagnostics`, in the script's coordinates. A fix that would
 * change a shell expansion, or the whole document's line endings, is not offered.
 */
export function shellQuickFixesFor(lint: ShellScriptLint, diagnostic: Diagnostic): QuickFix[] {
  for (const linted of lint.heredocs) {
    const source = linted.result.diagnostics.find((candidate) => {
      if (candidate.code !== diagnostic.code) {
        return false;
      }
      const span = toScriptSpan(linted.heredoc, candidate.span);
      return span.line === diagnostic.span.line && span.start === diagnostic.span.start;
    });
    if (source) {
      return quickFixesFor(source, linted.result.document, linted.lintedBody).flatMap((fix) => {
        const changes = toScriptChanges(linted, fix);
        return changes ? [{ ...fix, changes }] : [];
      });
    }
  }
  return [];
}

function toScriptChanges({ heredoc, lintedBody }: LintedHeredoc, fix: QuickFix): TextChange[] | undefined {
  if (fix.lineEndings) {
    return undefined;
  }
  const lineStarts = lineStartOffsets(lintedBody);
  const offset = (line: number, column: number) => (lineStarts[line] ?? lintedBody.length) + column;
  const changes: TextChange[] = [];
  for (const change of fix.changes) {
    const start = offset(change.startLine, change.startColumn);
    const end = offset(change.endLine, change.endColumn);
    const touched = heredoc.expansions.some((expansion) => (start === end ? expansion.bodyStart < start && start < expansion.bodyEnd : expansion.bodyStart < end && start < expansion.bodyEnd));
    if (touched) {
      return undefined;
    }
    const scriptStart = bodyPositionToScript(heredoc, change.startLine, change.startColumn);
    const scriptEnd = bodyPositionToScript(heredoc, change.endLine, change.endColumn);
    changes.push({ startLine: scriptStart.line, startColumn: scriptStart.column, endLine: scriptEnd.line, endColumn: scriptEnd.column, newText: change.newText });
  }
  return changes;
}

/** A literal push URL whose path the gateway would refuse (odd components, bad base64...). */
function urlDiagnostics(heredoc: MetricHeredoc): Diagnostic[] {
  const push = heredoc.push;
  if (!push || !push.urlIsLiteral) {
    return [];
  }
  const path = pathOf(push.url);
  if (path === undefined) {
    return [];
  }
  const parsed = parsePushPath(path);
  if (parsed.ok) {
    return [];
  }
  return [{ code: 'push-url', severity: 'error', span: push.urlSpan, message: `the Pushgateway refuses this push URL: ${parsed.error}` }];
}

function pathOf(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return url.startsWith('/') ? url.split(/[?#]/)[0] : undefined;
  }
}
