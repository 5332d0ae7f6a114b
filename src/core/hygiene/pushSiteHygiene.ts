import { Diagnostic, Severity } from '../exposition/diagnostic';
import { SeveritySetting } from '../exposition/lint';
import { MetricHeredoc } from '../shell/heredocs';
import { perRunGroupingValues } from './perRunGroupingKey';

export const PER_RUN_GROUPING_KEY_DEFAULT_SEVERITY: Severity = 'warning';

export interface PushSiteHygieneOptions {
  readonly severities?: Partial<Record<string, SeveritySetting>>;
}

/** A script that talks of Kubernetes or a CronJob: its `$HOSTNAME` is a pod's name, new on every run. */
const KUBERNETES_CRONJOB = /KUBERNETES_SERVICE_HOST|\bcron-?job\b/i;

/**
 * The findings about how a metric heredoc is pushed, beyond what the gateway refuses: a grouping
 * key with a per-run value (every run leaves a group behind that nothing deletes).
 */
export function pushSiteDiagnostics(script: string, heredoc: MetricHeredoc, options: PushSiteHygieneOptions = {}): Diagnostic[] {
  const push = heredoc.push;
  const severity = options.severities?.['per-run-grouping-key'] ?? PER_RUN_GROUPING_KEY_DEFAULT_SEVERITY;
  if (!push || severity === 'off') {
    return [];
  }
  const urlText = script.split('\n')[push.urlSpan.line]?.slice(push.urlSpan.start, push.urlSpan.end) ?? '';
  return perRunGroupingValues(push.url, { cronJob: KUBERNETES_CRONJOB.test(script) }).map((value) => {
    const at = urlText.indexOf(value.expansion);
    const span = at < 0 ? push.urlSpan : { line: push.urlSpan.line, start: push.urlSpan.start + at, end: push.urlSpan.start + at + value.expansion.length };
    return {
      code: 'per-run-grouping-key',
      severity,
      span,
      message: `grouping label "${value.label}" takes ${value.expansion}, ${value.why}: every run pushes a new group that nothing deletes, and the gateway keeps them all; use a stable value and put per-run facts in the body`,
    };
  });
}
