import { isLegacyLabelName, isLegacyMetricName } from '../protocol/nameEscaping';
// The name and label lint of the metrics Python and Go code declares, judged the way each client
// builds what it sends: Python's Counter adds `_total` itself (so `Counter('x')` and
// `Counter('x_total')` both expose `x_total`), Go's does not. One finding per problem, on the
// declaration's own line and column; code is never parsed as exposition.
import { compareDiagnostics, Diagnostic, Severity } from '../exposition/diagnostic';
import { DiagnosticCode } from '../exposition/codes';
import { SeverityOverrides } from '../exposition/lint';
import { GatewayTarget } from '../protocol/gatewayTarget';
import { ClientAnalysis, ClientLanguage, DeclaredMetric, httpPushGroupingLabels, HttpPushSite } from './clientSite';
import { lintMappedBody } from '../shell/tree/lintMappedBody';

interface ClientLintOptions {
  readonly severities?: SeverityOverrides;
  /** A gateway with UTF-8 names takes any name; otherwise the legacy rules apply. */
  readonly target?: GatewayTarget;
}

const CLIENT_FAILS: Record<ClientLanguage, string> = {
  python: 'prometheus_client raises ValueError',
  go: 'client_golang panics or refuses to register it',
};

/** The findings of a file's client code: the metrics it declares, and the bodies it pushes by itself. */
export function lintClientCode(language: ClientLanguage, code: ClientAnalysis, options: ClientLintOptions = {}): Diagnostic[] {
  // A body pushed by two calls (to two gateways, or again on failure) has its findings once.
  const bodies = new Map<string, Diagnostic>();
  for (const diagnostic of code.httpPushes.flatMap((push) => lintHttpPushBody(push, options))) {
    const { line, start, end } = diagnostic.span;
    bodies.set(`${line}:${start}:${end}:${diagnostic.code}:${diagnostic.message}`, diagnostic);
  }
  return [...lintDeclaredMetrics(language, code.metrics, options), ...bodies.values()].sort(compareDiagnostics);
}

/** A body the code spells out, linted as the gateway reads it, each finding where the code writes it; the URL's grouping labels when it is literal. */
function lintHttpPushBody(push: HttpPushSite, options: ClientLintOptions): Diagnostic[] {
  if (push.body === undefined) {
    return [];
  }
  const labels = httpPushGroupingLabels(push);
  const groupingLabels = labels === undefined ? undefined : Object.keys(labels).filter((name) => name !== 'job');
  return lintMappedBody(push.body, { severities: options.severities, target: options.target, ...(groupingLabels !== undefined && { groupingLabels }) });
}

export function lintDeclaredMetrics(language: ClientLanguage, metrics: readonly DeclaredMetric[], options: ClientLintOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const add = (code: DiagnosticCode, severity: Severity, span: Diagnostic['span'], message: string) => {
    const chosen = options.severities?.[code] ?? severity;
    if (chosen !== 'off') {
      diagnostics.push({ code, severity: chosen, span, message });
    }
  };
  const utf8Names = options.target?.utf8Names === true;
  for (const metric of metrics) {
    if (metric.name !== undefined) {
      lintName(language, metric, utf8Names, add);
    }
    for (const label of metric.labelNames) {
      lintLabel(language, metric, label, utf8Names, add);
    }
  }
  return diagnostics.sort(compareDiagnostics);
}

type Add = (code: DiagnosticCode, severity: Severity, span: Diagnostic['span'], message: string) => void;

function lintName(language: ClientLanguage, metric: DeclaredMetric, utf8Names: boolean, add: Add): void {
  const name = metric.name ?? '';
  if (name === '') {
    add('invalid-metric-name', 'error', metric.nameSpan, `a metric needs a name: ${CLIENT_FAILS[language]}`);
    return;
  }
  if (!isLegacyMetricName(name)) {
    if (!utf8Names) {
      add('invalid-metric-name', 'error', metric.nameSpan, `"${name}" is not a valid metric name: the gateway refuses it (letters, digits, _ and : only, not starting with a digit)`);
    }
    return;
  }
  const endsInTotal = name.endsWith('_total');
  if (metric.type === 'counter' && language === 'go' && !endsInTotal) {
    add('counter-total-suffix', 'warning', metric.nameSpan, `counter names end in _total (client_golang does not add it): rename to ${name}_total`);
  }
  if (metric.type === 'counter' && language === 'python' && endsInTotal) {
    // `name` is already without the one `_total` prometheus_client drops before adding it back.
    add('counter-total-suffix', 'warning', metric.nameSpan, `prometheus_client exposes this counter as ${metric.exposedName ?? `${name}_total`}: name it ${name}`);
  }
  if ((metric.type === 'gauge' || metric.type === 'histogram' || metric.type === 'summary') && endsInTotal) {
    add('counter-total-suffix', 'warning', metric.nameSpan, `only counters end in _total, and ${name} is a ${metric.type}`);
  }
}

function lintLabel(language: ClientLanguage, metric: DeclaredMetric, label: DeclaredMetric['labelNames'][number], utf8Names: boolean, add: Add): void {
  const { name, span } = label;
  if (!isLegacyLabelName(name)) {
    if (!utf8Names || name === '') {
      add('invalid-label-name', 'error', span, `"${name}" is not a valid label name: the gateway refuses it (letters, digits and _ only, not starting with a digit)`);
    }
    return;
  }
  if (name.startsWith('__')) {
    add('reserved-label-name', 'error', span, `label names starting with __ are reserved for Prometheus: ${CLIENT_FAILS[language]}`);
    return;
  }
  if ((name === 'le' && metric.type === 'histogram') || (name === 'quantile' && metric.type === 'summary')) {
    add('reserved-label-name', 'error', span, `a ${metric.type} sets the ${name} label itself: ${CLIENT_FAILS[language]}`);
    return;
  }
  if (name === 'le') {
    add('reserved-label', 'warning', span, 'the le label is reserved for histogram buckets');
  } else if (name === 'quantile') {
    add('reserved-label', 'warning', span, 'the quantile label is reserved for summaries');
  }
}
