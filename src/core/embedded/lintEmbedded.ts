import { compareDiagnostics, Diagnostic } from '../exposition/diagnostic';
import { Span } from '../exposition/model';
import { lintShellScript, ShellLintOptions } from '../shell/lintShellScript';
import { indexLines, LineIndex, lineStart } from '../shell/lines';
import { TreePushSite, treePushSitesOf } from '../shell/tree/pushSites';
import type { ShellParser } from '../shell/tree/shellParser';
import { EmbeddedScript, EmbeddedScripts, RefusedScript } from './embeddedScripts';

// The shell scripts inside a YAML file, analysed as shell (heredocs, and with a shell parser the
// tree-sitter push sites) and put back on the YAML's lines and columns.

/** One embedded script with its push sites (script coordinates) and the way back to the YAML. */
export interface AnalysedScript {
  readonly script: EmbeddedScript;
  readonly treeSites: readonly TreePushSite[] | undefined;
  /** Findings of the script, already on the YAML's lines and columns. */
  readonly diagnostics: Diagnostic[];
  /** The YAML line (0-based) of a script line (0-based). */
  readonly yamlLine: (scriptLine: number) => number;
}

export interface EmbeddedShellLint {
  readonly scripts: AnalysedScript[];
  readonly refused: RefusedScript[];
  /** Every finding of every script, on the YAML's lines, in order. */
  readonly diagnostics: Diagnostic[];
}

export type EmbeddedLintOptions = Pick<ShellLintOptions, 'severities' | 'target'>;

/**
 * Lints every script `findEmbeddedScripts` found (callers load a shell parser only when there is
 * one); without a parser, their heredocs only, like a shell script without one.
 */
export function lintEmbeddedShell(found: EmbeddedScripts, parser: ShellParser | undefined, options: EmbeddedLintOptions = {}): EmbeddedShellLint {
  const scripts = found.scripts.map((script) => {
    const treeSites = parser === undefined ? undefined : treePushSitesOf(parser, script.text);
    // The YAML around says more than the script: a CronJob's or Job's pod has a new host name on
    // every run, and a CI fills in `${{ github.run_id }}` before the shell runs.
    const runContext = { ...(script.podOf !== undefined && { podOf: script.podOf }), templateExpressions: script.expressions };
    const lint = lintShellScript(script.text, { ...options, runContext, ...(treeSites && { treeSites }) });
    const map = new ScriptMap(script, found.position);
    // A finding on a template expression is dropped (its value is unknown), unless it is about that expression being per-run.
    const diagnostics = lint.diagnostics
      .filter((diagnostic) => diagnostic.code === 'per-run-grouping-key' || !map.touchesExpression(diagnostic.span))
      .map((diagnostic) => ({ ...diagnostic, span: map.span(diagnostic.span) }));
    return { script, treeSites, diagnostics, yamlLine: (line: number) => map.line(line) };
  });
  const diagnostics = scripts.flatMap((script) => script.diagnostics).sort(compareDiagnostics);
  return { scripts, refused: found.refused, diagnostics };
}

/** Script positions to YAML positions, through the offsets each script character is written at. */
class ScriptMap {
  private readonly lines: LineIndex;

  constructor(
    private readonly script: EmbeddedScript,
    private readonly position: (offset: number) => { line: number; column: number },
  ) {
    this.lines = indexLines(script.text);
  }

  line(scriptLine: number): number {
    return this.position(this.startOf(lineStart(this.lines, scriptLine))).line;
  }

  /** Whether a script span touches a template expression: its value is unknown, like an expansion's. */
  touchesExpression(span: Span): boolean {
    const from = lineStart(this.lines, span.line) + span.start;
    const to = lineStart(this.lines, span.line) + Math.max(span.end, span.start + 1);
    return this.script.expressionSpans.some((expression) => expression.start < to && from < expression.end);
  }

  /** A span stays on one YAML line; one whose end lands on another line (a `\n` escape in between) ends where it starts. */
  span(span: Span): Span {
    const from = lineStart(this.lines, span.line) + span.start;
    const to = lineStart(this.lines, span.line) + span.end;
    const start = this.position(this.startOf(from));
    const end = this.position(to > from ? this.endOf(to - 1) : this.startOf(from));
    return { line: start.line, start: start.column, end: end.line === start.line && end.column >= start.column ? end.column : start.column };
  }

  /** Where the character at `offset` starts; the end of the last one for the end of the script. */
  private startOf(offset: number): number {
    const { starts, ends } = this.script;
    return offset < starts.length ? starts[offset] : (ends[ends.length - 1] ?? 0);
  }

  private endOf(offset: number): number {
    const { ends } = this.script;
    return ends[Math.min(offset, ends.length - 1)] ?? 0;
  }
}
