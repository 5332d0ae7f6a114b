import { compareDiagnostics, Diagnostic } from '../exposition/diagnostic';
import { quickFixesFor, QuickFix, TextChange } from '../exposition/fixes';
import { LintOptions, LintResult, SeveritySetting } from '../exposition/lint';
import { Span } from '../exposition/model';
import { GatewayTarget } from '../protocol/gatewayTarget';
import { pushSiteDiagnostics, pushUrlHygiene, ScriptFacts, scriptFacts } from '../hygiene/pushSiteHygiene';
import type { PerRunContext } from '../hygiene/perRunGroupingKey';
import { bodyPositionToScript, bodyWithPlaceholders, findMetricHeredocs, heredocsAt, MetricHeredoc, ScriptLex, scriptLex, ScriptOrLex } from './heredocs';
import { indexLines, lineStart } from './lines';
import { lintMappedBody } from './tree/lintMappedBody';
import { TreePushSite } from './tree/pushSites';
import { pushUrlProblem } from './tree/urlPath';
import { appendAll } from '../appendAll';
import { BodyLintCache, lintBody } from './bodyLintCache';

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
  /** Heredocs the tree-sitter finder traced to a push through a variable or a file. */
  readonly tracedHeredocs?: LintedHeredoc[];
  /** `@file` arguments that make curl ignore a piped body, with the `@-` that sends it. */
  readonly stdinFixes?: { readonly diagnostic: Diagnostic; readonly fix: QuickFix }[];
}

export interface ShellLintOptions extends Pick<LintOptions, 'severities' | 'target'> {
  /**
   * Push sites found on the tree-sitter tree (`treePushSitesOf`). Without them only heredocs are
   * linted, by this module's own finder; with them also echo/printf/string/here-string bodies,
   * heredocs reaching a push through a variable or a file, URLs with a variable base, and `@file`
   * arguments that ignore a piped body. Heredocs fed straight to a push stay with the own finder.
   */
  readonly treeSites?: readonly TreePushSite[];
  /** The target of one heredoc (the gateway its push URL names), when known; else `target`. */
  readonly targetOf?: (heredoc: MetricHeredoc) => GatewayTarget | undefined;
  /** Where the script runs, when its surroundings say (a CronJob manifest, a CI file): for the per-run grouping-key check. */
  readonly runContext?: PerRunContext;
  /** The bodies' lints kept from earlier lints of the same document (the editor's), so that an edit re-lints only the bodies it changed. */
  readonly bodyCache?: BodyLintCache;
}

/**
 * Lints the metric heredocs of a shell script. Shell expansions in a body (`$SIZE`, `$(date +%s)`)
 * stand for values we cannot know: they are linted as a run of zeros, and a finding that touches
 * one is dropped. The grouping labels of a literal push URL count as URL labels.
 */
export function lintShellScript(script: ScriptOrLex, options: ShellLintOptions = {}): ShellScriptLint {
  const lintOptions = { severities: options.severities, target: options.target, runContext: options.runContext };
  const lex = scriptLex(script);
  const heredocs = findMetricHeredocs(lex).map((heredoc) => lintHeredoc(heredoc, options));
  const facts = heredocs.length === 0 ? undefined : scriptFacts(lex.script);
  const diagnostics = heredocs.flatMap((linted) => [
    ...unterminatedDiagnostics(linted.heredoc, options.severities?.['unterminated-heredoc'] ?? 'warning'),
    ...(linted.heredoc.push ? pushUrlDiagnostics(linted.heredoc.push, options.targetOf?.(linted.heredoc) ?? options.target) : []),
    ...(facts ? pushSiteDiagnostics(facts, linted.heredoc, options) : []),
    ...toScriptDiagnostics(linted),
  ]);
  if (options.treeSites === undefined) {
    diagnostics.sort(compareDiagnostics);
    return { heredocs, diagnostics };
  }
  const traced = lintTreeSites(lex, options.treeSites, heredocs, lintOptions, options.bodyCache);
  appendAll(diagnostics, traced.diagnostics);
  diagnostics.sort(compareDiagnostics);
  return { heredocs, diagnostics, tracedHeredocs: traced.heredocs, stdinFixes: traced.stdinFixes };
}

/** What the tree sites add to the own finder's heredocs; a site whose heredoc that finder already linted adds nothing. */
function lintTreeSites(
  lex: ScriptLex,
  sites: readonly TreePushSite[],
  linted: readonly LintedHeredoc[],
  options: Pick<ShellLintOptions, 'severities' | 'target' | 'runContext'>,
  bodyCache: BodyLintCache | undefined,
) {
  const known = new Set(linted.map((entry) => entry.heredoc.operatorSpan.line));
  const pushedHeredocLines = new Set(linted.filter((entry) => entry.heredoc.push).map((entry) => entry.heredoc.push!.urlSpan.line));
  const diagnostics: Diagnostic[] = [];
  const stdinFixes: { diagnostic: Diagnostic; fix: QuickFix }[] = [];
  const heredocOffsets = new Set<number>();
  const trimmedLines = new Set<number>();
  const groupingLabelsByLine = new Map<number, string[]>();
  let facts: ScriptFacts | undefined;
  for (const site of sites) {
    const groupingLabels = site.groupingKey ? Object.keys(site.groupingKey.labels) : [];
    if (!pushedHeredocLines.has(site.urlSpan.line)) {
      diagnostics.push(...pushUrlDiagnostics(site, options.target));
      if (site.action === 'push') {
        appendAll(diagnostics, pushUrlHygiene((facts ??= scriptFacts(lex.script)), site, { severities: options.severities, runContext: options.runContext }));
      }
    }
    if (site.ignoredStdin) {
      const diagnostic: Diagnostic = {
        code: 'push-stdin-ignored',
        severity: 'warning',
        span: site.ignoredStdin.span,
        message: `curl sends the file ${site.ignoredStdin.file} and never reads what is piped into it: use @- to push the piped body`,
      };
      diagnostics.push(diagnostic);
      const span = site.ignoredStdin.span;
      stdinFixes.push({ diagnostic, fix: { title: 'Send the piped body (@-)', changes: [{ startLine: span.line, startColumn: span.start, endLine: span.line, endColumn: span.end, newText: '@-' }] } });
    }
    const body = site.body;
    if (!body || !body.known) {
      continue;
    }
    if (body.chars) {
      appendAll(diagnostics, lintMappedBody(body.chars, { ...options, groupingLabels }, bodyCache));
    } else if (body.heredocAt !== undefined && !known.has(body.startLine - 1)) {
      heredocOffsets.add(body.heredocAt);
      if (body.trimmed) {
        trimmedLines.add(body.startLine - 1);
      }
      groupingLabelsByLine.set(body.startLine - 1, groupingLabels);
    }
  }
  const heredocs =
    heredocOffsets.size === 0
      ? []
      : heredocsAt(lex, heredocOffsets).map((heredoc) =>
          lintTracedHeredoc(heredoc, options, groupingLabelsByLine.get(heredoc.operatorSpan.line) ?? [], trimmedLines.has(heredoc.operatorSpan.line), bodyCache),
        );
  appendAll(
    diagnostics,
    heredocs.flatMap((entry) => toScriptDiagnostics(entry)),
  );
  return { diagnostics: withoutRepeats(diagnostics), heredocs, stdinFixes };
}

/** One body sent by two sites (a file pushed twice, a variable echoed to two gateways) is reported once. */
function withoutRepeats(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = `${diagnostic.code} ${diagnostic.span.line}:${diagnostic.span.start}-${diagnostic.span.end} ${diagnostic.message}`;
    const repeated = seen.has(key);
    seen.add(key);
    return !repeated;
  });
}

/** `trimmed`: the body as `read` stores it (trailing blanks and line breaks dropped) and echo sends it, one line break added. */
function lintTracedHeredoc(
  heredoc: MetricHeredoc,
  options: Pick<LintOptions, 'severities' | 'target'>,
  groupingLabels: string[],
  trimmed: boolean,
  bodyCache: BodyLintCache | undefined,
): LintedHeredoc {
  const placeholders = bodyWithPlaceholders(heredoc);
  const lintedBody = trimmed ? `${placeholders.replace(/[ \t\n]+$/, '')}\n` : placeholders;
  return { heredoc, lintedBody, result: lintBody(lintedBody, { ...options, groupingLabels }, bodyCache) };
}

/** bash reads to the end of the script when the delimiter line never comes, and only warns: the rest of the script becomes the body. */
function unterminatedDiagnostics(heredoc: MetricHeredoc, severity: SeveritySetting): Diagnostic[] {
  if (heredoc.terminated || severity === 'off') {
    return [];
  }
  const message = `this heredoc is never closed: no line holds just ${heredoc.delimiter}, so the shell sends the rest of the script as the body (bash only warns "here-document delimited by end-of-file")`;
  return [{ code: 'unterminated-heredoc', severity, span: heredoc.operatorSpan, message }];
}

/** A push URL the gateway refuses: certain as far as its path is literal, likely where an expansion decides. */
function pushUrlDiagnostics(push: { readonly url: string; readonly urlIsLiteral: boolean; readonly urlSpan: Span }, target: GatewayTarget | undefined): Diagnostic[] {
  const problem = pushUrlProblem(push.url, push.urlIsLiteral, target?.utf8Names ? 'utf8' : 'legacy');
  if (problem === undefined) {
    return [];
  }
  const message = problem.certain ? `the Pushgateway refuses this push URL: ${problem.error}` : `the Pushgateway will likely refuse this push URL: ${problem.error}`;
  return [{ code: 'push-url', severity: problem.certain ? 'error' : 'warning', span: push.urlSpan, message }];
}

function lintHeredoc(heredoc: MetricHeredoc, options: ShellLintOptions): LintedHeredoc {
  const lintedBody = bodyWithPlaceholders(heredoc);
  const groupingLabels = heredoc.push?.groupingKey ? Object.keys(heredoc.push.groupingKey.labels) : [];
  const target = options.targetOf?.(heredoc) ?? options.target;
  return { heredoc, lintedBody, result: lintBody(lintedBody, { severities: options.severities, groupingLabels, ...(target ? { target } : {}) }, options.bodyCache) };
}

function toScriptDiagnostics({ heredoc, lintedBody, result }: LintedHeredoc): Diagnostic[] {
  const lines = indexLines(lintedBody);
  const touchesExpansion = (span: Span) => {
    const start = lineStart(lines, span.line) + span.start;
    const end = lineStart(lines, span.line) + Math.max(span.end, span.start + 1);
    return heredoc.expansions.some((expansion) => expansion.bodyStart < end && start < expansion.bodyEnd);
  };
  return result.diagnostics.filter((diagnostic) => !touchesExpansion(decidingSpan(diagnostic))).map((diagnostic) => ({ ...diagnostic, span: toScriptSpan(heredoc, diagnostic.span) }));
}

/**
 * Where a finding is decided. An unquoted label value is refused at its first character, whatever
 * an expansion later in it holds (`{host=db-$N}`), though the underline covers the whole value.
 */
function decidingSpan(diagnostic: Diagnostic): Span {
  return diagnostic.code === 'expected-quote' ? { ...diagnostic.span, end: diagnostic.span.start + 1 } : diagnostic.span;
}

function toScriptSpan(heredoc: MetricHeredoc, span: Span): Span {
  const start = bodyPositionToScript(heredoc, span.line, span.start);
  const end = bodyPositionToScript(heredoc, span.line, span.end);
  return { line: start.line, start: start.column, end: end.line === start.line ? end.column : start.column };
}

/**
 * The quick fixes of one of `lint.diagnostics`, in the script's coordinates. A fix that would
 * change a shell expansion, or the whole document's line endings, is not offered.
 */
export function shellQuickFixesFor(lint: ShellScriptLint, diagnostic: Diagnostic): QuickFix[] {
  const stdinFix = lint.stdinFixes?.find(
    (entry) => entry.diagnostic.span.line === diagnostic.span.line && entry.diagnostic.span.start === diagnostic.span.start && entry.diagnostic.code === diagnostic.code,
  );
  if (stdinFix) {
    return [stdinFix.fix];
  }
  for (const linted of [...lint.heredocs, ...(lint.tracedHeredocs ?? [])]) {
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
  const lines = indexLines(lintedBody);
  const offset = (line: number, column: number) => lineStart(lines, line) + column;
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
