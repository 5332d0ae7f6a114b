import { Diagnostic, Severity } from '../exposition/diagnostic';
import { QuickFix } from '../exposition/fixes';
import { SeverityOverrides } from '../exposition/lint';
import { DEFAULT_LAST_SUCCESS_PATTERN } from '../groups/groupHealth';
import { lastSuccessMetricInBody } from '../groups/lastSuccessInBody';
import { NamePattern } from '../groups/namePattern';
import { isLegacyMetricName } from '../protocol/nameEscaping';
import { MetricHeredoc } from '../shell/heredocs';

export const NO_LAST_SUCCESS_DEFAULT_SEVERITY: Severity = 'hint';

/** A pushed heredoc without a last-success gauge, and the fix that adds one when the shell would expand `$(date +%s)`. */
export interface LastSuccessHint {
  readonly diagnostic: Diagnostic;
  readonly fix?: QuickFix;
}

export interface LastSuccessHintOptions {
  readonly severities?: SeverityOverrides;
  /** The names the explorer takes for a last-success gauge (`pushgateway.explorer.lastSuccessPattern`). */
  readonly lastSuccessPattern?: NamePattern;
}

/**
 * The golden rule of batch jobs: push a `<job>_last_success_unixtime` gauge on success. Without it,
 * the explorer and alert rules can judge staleness only by `push_time_seconds`, which a failed
 * run's push updates too. Only heredocs a command really pushes are judged (not plain .prom files,
 * whose use we do not know).
 */
export function lastSuccessHints(heredocs: readonly MetricHeredoc[], options: LastSuccessHintOptions = {}): LastSuccessHint[] {
  const severity = options.severities?.['no-last-success'] ?? NO_LAST_SUCCESS_DEFAULT_SEVERITY;
  if (severity === 'off') {
    return [];
  }
  const pattern = options.lastSuccessPattern ?? DEFAULT_LAST_SUCCESS_PATTERN;
  return heredocs
    .filter((heredoc) => heredoc.push !== undefined && heredoc.push.readsStdin && lastSuccessMetricInBody(heredoc.body, pattern) === undefined)
    .map((heredoc) => {
      const metric = `${jobPrefix(heredoc)}_last_success_unixtime`;
      // A pattern of the user's own that the usual name does not match: what to add is theirs to name.
      const fitsPattern = pattern.test(metric);
      const diagnostic: Diagnostic = {
        code: 'no-last-success',
        severity,
        span: heredoc.operatorSpan,
        message: fitsPattern
          ? `this pushed body has no *_last_success_* gauge: add ${metric} $(date +%s) so staleness is judged by the last success, not by push_time_seconds, which a failed run's push updates too`
          : `this pushed body has no gauge that pushgateway.explorer.lastSuccessPattern matches: add one set to $(date +%s) so staleness is judged by the last success, not by push_time_seconds, which a failed run's push updates too`,
      };
      // A quoted delimiter (<<'EOF') keeps $(date +%s) unexpanded, and an unterminated heredoc has no line to insert before.
      if (heredoc.quoted || !heredoc.terminated || !fitsPattern) {
        return { diagnostic };
      }
      const newText = `# HELP ${metric} When the job last succeeded, in seconds since the epoch.\n# TYPE ${metric} gauge\n${metric} $(date +%s)\n`;
      return { diagnostic, fix: { title: `Add ${metric}`, changes: [{ startLine: heredoc.terminatorLine, startColumn: 0, endLine: heredoc.terminatorLine, endColumn: 0, newText }], preferred: true } };
    });
}

/** The push's job when it is a literal metric-name-like word, else `job`. */
function jobPrefix(heredoc: MetricHeredoc): string {
  const job = heredoc.push?.groupingKey?.job ?? /\/metrics\/job\/([^/?#$`]+)(?:[/?#]|$)/.exec(heredoc.push?.url ?? '')?.[1];
  const name = job?.replace(/[^a-zA-Z0-9_:]/g, '_');
  return name && isLegacyMetricName(name) ? name : 'job';
}
