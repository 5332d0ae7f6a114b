// Every code a diagnostic can carry, one table per origin. The code is what a user writes in
// `pushgateway.lint.rules` and `pgw lint --rule`, so a code is never renamed once published.

/**
 * The lines the gateway's text parser rejects (always errors), in the order of the README table.
 * The last four come from the 1.11 parser only; `negative-count` is also a lint rule (the 1.5
 * parser accepts negative histogram counts, the rule warns about them).
 */
export const PARSE_PROBLEM_CODES = [
  'invalid-metric-name',
  'invalid-label-name',
  'reserved-label-name',
  'expected-equals',
  'duplicate-label-name',
  'expected-quote',
  'invalid-escape',
  'unescaped-newline',
  'invalid-label-value',
  'invalid-bucket-bound',
  'invalid-quantile',
  'unexpected-after-label-value',
  'invalid-value',
  'invalid-timestamp',
  'text-after-timestamp',
  'duplicate-help',
  'duplicate-type',
  'unknown-type',
  'missing-final-newline',
  'multiple-metric-names',
  'unexpected-after-metric-name',
  'braces-without-name',
  'negative-count',
] as const;
export type ParseProblemCode = (typeof PARSE_PROBLEM_CODES)[number];

/**
 * Checks of the whole file: CRLF line endings and a byte order mark (before it is parsed), and a
 * name that only a gateway with UTF-8 names takes (promtool and legacy-name readers refuse it).
 */
export const DOCUMENT_CODES = ['crlf-line-endings', 'byte-order-mark', 'utf8-name'] as const;
export type DocumentCode = (typeof DOCUMENT_CODES)[number];

/**
 * Raised for shell scripts: a body pushed to a URL the gateway refuses; a piped body that `@file`
 * makes curl ignore; a metric heredoc whose delimiter line never comes.
 */
export const SHELL_CODES = ['push-url', 'push-stdin-ignored', 'unterminated-heredoc'] as const;
export type ShellCode = (typeof SHELL_CODES)[number];

/**
 * The lint rules (rules/*.ts), in the order lint runs them. `reserved-label-name` is also a parse
 * problem: the parser refuses `__name__`, the rule every other name starting with `__`.
 */
export const RULE_CODES = [
  'timestamp',
  'duplicate-series',
  'reserved-label-name',
  'suffix-collision',
  'gateway-self-metric',
  'gauge-histogram',
  'url-label-in-body',
  'gateway-owned-metric',
  'openmetrics-comment',
  'histogram-without-inf-bucket',
  'histogram-not-cumulative',
  'negative-count',
  'quantile-out-of-range',
  'family-not-contiguous',
  'missing-type',
  'no-help',
  'non-base-unit',
  'counter-total-suffix',
  'reserved-suffix',
  'reserved-label',
  'type-in-name',
  'colon-in-name',
  'camel-case',
  'abbreviated-unit',
  'metric-not-unique',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/**
 * The gateway's traps: a Prometheus configuration that scrapes a Pushgateway wrongly (`core/scrape`),
 * and how a script pushes (`core/hygiene`).
 */
export const TRAP_CODES = ['honor-labels', 'per-run-grouping-key', 'no-last-success'] as const;
export type TrapCode = (typeof TRAP_CODES)[number];

export type DiagnosticCode = ParseProblemCode | DocumentCode | ShellCode | RuleCode | TrapCode;
