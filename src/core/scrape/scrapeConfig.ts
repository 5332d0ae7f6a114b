import { isMap, isScalar, isSeq, LineCounter, Pair, parseDocument, Scalar, YAMLMap } from 'yaml';
import { Diagnostic, Severity } from '../exposition/diagnostic';
import { QuickFix, TextChange } from '../exposition/fixes';
import { SeverityOverrides } from '../exposition/lint';
import { Span } from '../exposition/model';

export const HONOR_LABELS_DEFAULT_SEVERITY: Severity = 'warning';

export interface ScrapeConfigOptions {
  /** The URLs of the gateways the user configured: a target on one of their hosts is a Pushgateway. */
  readonly gatewayUrls?: readonly string[];
  readonly severities?: SeverityOverrides;
}

/** A scrape job that scrapes a Pushgateway without `honor_labels: true`, and the edit that adds it. */
export interface ScrapeConfigFinding {
  readonly diagnostic: Diagnostic;
  readonly fix: QuickFix;
}

/** The Pushgateway's default port. */
const GATEWAY_PORT = '9091';
const SAYS_PUSHGATEWAY = /push[-_]?gateway/i;

/**
 * Checks a Prometheus configuration (`prometheus.yml`, or a file of `scrape_config_files`): every
 * scrape job whose targets are a Pushgateway needs `honor_labels: true`, else Prometheus overwrites
 * the `job` and `instance` labels the batch jobs pushed with the gateway's own. The YAML is read as
 * YAML 1.1, like Prometheus's parser, so `honor_labels: yes` counts as true. A file that is not YAML
 * yet (mid-edit) gets no finding.
 */
export function checkScrapeConfig(text: string, options: ScrapeConfigOptions = {}): ScrapeConfigFinding[] {
  const severity = options.severities?.['honor-labels'] ?? HONOR_LABELS_DEFAULT_SEVERITY;
  if (severity === 'off') {
    return [];
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, version: '1.1', keepSourceTokens: false });
  if (document.errors.length > 0 || !isMap(document.contents)) {
    return [];
  }
  const jobs = document.contents.get('scrape_configs');
  if (!isSeq(jobs)) {
    return [];
  }
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line - 1, column: col - 1 };
  };
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const findings: ScrapeConfigFinding[] = [];
  for (const job of jobs.items) {
    if (!isMap(job) || !scrapesGateway(job, options.gatewayUrls ?? []) || scalarValue(job, 'honor_labels') === true) {
      continue;
    }
    const jobName = scalarValue(job, 'job_name');
    const name = typeof jobName === 'string' ? jobName.trim() : '(unnamed)';
    const honorLabels = job.items.find((pair) => keyIs(pair, 'honor_labels'));
    const anchor = (isScalar(honorLabels?.value) ? honorLabels.value : undefined) ?? job.items.find((pair) => keyIs(pair, 'job_name'))?.value ?? job.items[0]?.key;
    const range = isScalar(anchor) && anchor.range ? anchor.range : job.range;
    const start = position(range?.[0] ?? 0);
    const end = position(range?.[1] ?? 0);
    const span: Span = { line: start.line, start: start.column, end: end.line === start.line ? end.column : start.column + 1 };
    const change = honorLabelsChange(job, honorLabels, text, newline, position);
    if (!change) {
      continue;
    }
    findings.push({
      diagnostic: {
        code: 'honor-labels',
        severity,
        span,
        message: `scrape job "${name}" scrapes a Pushgateway without honor_labels: true, so Prometheus overwrites the job and instance labels each group was pushed with by the gateway's own`,
      },
      fix: { title: 'Set honor_labels: true', changes: [change], preferred: true },
    });
  }
  return findings;
}

export function scrapeConfigDiagnostics(text: string, options: ScrapeConfigOptions = {}): Diagnostic[] {
  return checkScrapeConfig(text, options).map((finding) => finding.diagnostic);
}

function scalarValue(map: YAMLMap, key: string): unknown {
  const node = map.get(key, true);
  return isScalar(node) ? node.value : undefined;
}

function keyIs(pair: Pair, name: string): boolean {
  return isScalar(pair.key) && pair.key.value === name;
}

type Position = (offset: number) => { line: number; column: number };

/** Replaces a present `honor_labels` value by `true`, or inserts `honor_labels: true` after `job_name`. */
function honorLabelsChange(job: YAMLMap, present: Pair | undefined, text: string, newline: string, position: Position): TextChange | undefined {
  if (present) {
    const value = present.value;
    if (!isScalar(value) || !value.range) {
      return undefined;
    }
    // `honor_labels:` with no value: the space keeps `:true` from reading as part of the key.
    const empty = value.range[0] === value.range[1];
    return replace(position(value.range[0]), position(value.range[1]), empty ? ' true' : 'true');
  }
  const first = job.items[0];
  if (!first || !isScalar(first.key) || !first.key.range) {
    return undefined;
  }
  const keyStart = position(first.key.range[0]);
  if (job.flow) {
    return replace(keyStart, keyStart, 'honor_labels: true, ');
  }
  const indent = ' '.repeat(keyStart.column);
  const jobName = job.items.find((pair) => keyIs(pair, 'job_name'));
  if (jobName && isSingleLineScalar(jobName.value)) {
    const lineEnd = endOfLine(text, jobName.value.range[1]);
    const at = position(lineEnd);
    return replace(at, at, `${newline}${indent}honor_labels: true`);
  }
  return replace(keyStart, keyStart, `honor_labels: true${newline}${indent}`);
}

function isSingleLineScalar(node: unknown): node is Scalar & { range: [number, number, number] } {
  return isScalar(node) && node.range !== undefined && node.range !== null && (node.type === 'PLAIN' || node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
}

function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) {
    return text.length;
  }
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

function replace(start: { line: number; column: number }, end: { line: number; column: number }, newText: string): TextChange {
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column, newText };
}

/** A job named for the gateway, or with a static target on port 9091, named for it, or on a configured gateway's host. */
function scrapesGateway(job: YAMLMap, gatewayUrls: readonly string[]): boolean {
  const name = scalarValue(job, 'job_name');
  if (typeof name === 'string' && SAYS_PUSHGATEWAY.test(name)) {
    return true;
  }
  const gatewayHosts = gatewayUrls.flatMap(hostsOf);
  return staticTargets(job).some((target) => {
    const { host, port } = splitTarget(target);
    return port === GATEWAY_PORT || SAYS_PUSHGATEWAY.test(host) || gatewayHosts.some((gateway) => gateway.host === host && (gateway.port === undefined || gateway.port === port));
  });
}

function staticTargets(job: YAMLMap): string[] {
  const configs = job.get('static_configs');
  if (!isSeq(configs)) {
    return [];
  }
  return configs.items.flatMap((config) => {
    const targets = isMap(config) ? config.get('targets') : undefined;
    return isSeq(targets) ? targets.items.flatMap((target) => (isScalar(target) && typeof target.value === 'string' ? [target.value] : [])) : [];
  });
}

/** `host:port`, `[::1]:9091` or a bare host, as Prometheus writes a target. */
function splitTarget(target: string): { host: string; port?: string } {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(target.trim());
  if (!match) {
    return { host: target.trim().toLowerCase() };
  }
  return { host: match[1].toLowerCase(), ...(match[2] ? { port: match[2] } : {}) };
}

/** The host (and port, when the URL names one) a gateway URL points at. */
function hostsOf(url: string): { host: string; port?: string }[] {
  try {
    const parsed = new URL(url);
    return [{ host: parsed.hostname.toLowerCase(), ...(parsed.port ? { port: parsed.port } : {}) }];
  } catch {
    return [];
  }
}
