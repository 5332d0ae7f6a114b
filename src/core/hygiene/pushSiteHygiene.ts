import { Diagnostic, Severity } from '../exposition/diagnostic';
import { SeverityOverrides } from '../exposition/lint';
import { Span } from '../exposition/model';
import { MetricHeredoc } from '../shell/heredocs';
import { PerRunContext, perRunGroupingValues } from './perRunGroupingKey';

export const PER_RUN_GROUPING_KEY_DEFAULT_SEVERITY: Severity = 'warning';

export interface PushSiteHygieneOptions {
  readonly severities?: SeverityOverrides;
  /** What is known of where the script runs beyond its own text (the manifest or CI file around it). */
  readonly runContext?: PerRunContext;
}

/** A script that talks of Kubernetes or a CronJob: its `$HOSTNAME` is a pod's name, new on every run. */
const KUBERNETES_CRONJOB = /KUBERNETES_SERVICE_HOST|\bcron-?job\b/i;

/** What the checks read of a whole script, once per script: its lines and whether it runs as a CronJob. */
export interface ScriptFacts {
  readonly lines: readonly string[];
  readonly cronJob: boolean;
}

export function scriptFacts(script: string): ScriptFacts {
  return { lines: script.split('\n'), cronJob: KUBERNETES_CRONJOB.test(script) };
}

/**
 * The findings about how a metric heredoc is pushed, beyond what the gateway refuses: a grouping
 * key with a per-run value (every run leaves a group behind that nothing deletes).
 */
export function pushSiteDiagnostics(facts: ScriptFacts, heredoc: MetricHeredoc, options: PushSiteHygieneOptions = {}): Diagnostic[] {
  return heredoc.push ? pushUrlHygiene(facts, heredoc.push, options) : [];
}

/** The same findings for any push of the script (an echo or printf piped to curl too), by its URL and where that is written. */
export function pushUrlHygiene(facts: ScriptFacts, push: { readonly url: string; readonly urlSpan: Span }, options: PushSiteHygieneOptions = {}): Diagnostic[] {
  const severity = options.severities?.['per-run-grouping-key'] ?? PER_RUN_GROUPING_KEY_DEFAULT_SEVERITY;
  if (severity === 'off') {
    return [];
  }
  const context: PerRunContext = { ...options.runContext, cronJob: facts.cronJob || options.runContext?.cronJob === true };
  const urlText = facts.lines[push.urlSpan.line]?.slice(push.urlSpan.start, push.urlSpan.end) ?? '';
  return perRunGroupingValues(push.url, context).map((value) => {
    const at = writtenOffset(push.url, urlText, value.expansion, value.offset);
    const span = at < 0 ? push.urlSpan : { line: push.urlSpan.line, start: push.urlSpan.start + at, end: push.urlSpan.start + at + value.expansion.length };
    const shown = context.templateExpressions?.get(value.expansion) ?? value.expansion;
    return {
      code: 'per-run-grouping-key',
      severity,
      span,
      message: `grouping label "${value.label}" takes ${shown}, ${value.why}: every run pushes a new group that nothing deletes, and the gateway keeps them all; use a stable value and put per-run facts in the body`,
    };
  });
}

/**
 * Where the expansion at `offset` of the URL (quotes removed) is in the URL as written: the same
 * offset when nothing was removed, else the same occurrence of its text (quote removal keeps the
 * expansions and their order). -1 when it cannot be found.
 */
function writtenOffset(url: string, written: string, expansion: string, offset: number): number {
  if (url === written) {
    return offset;
  }
  let occurrence = 0;
  for (let at = url.indexOf(expansion); at >= 0 && at < offset; at = url.indexOf(expansion, at + expansion.length)) {
    occurrence++;
  }
  let at = written.indexOf(expansion);
  for (; at >= 0 && occurrence > 0; occurrence--) {
    at = written.indexOf(expansion, at + expansion.length);
  }
  return at;
}
