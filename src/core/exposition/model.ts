import { ParseProblemCode } from './codes';

/**
 * The parsed form of a Prometheus text exposition document (format 0.0.4). Lines and columns are
 * 0-based, columns in UTF-16 code units, so they map directly onto editor positions. No token spans
 * more than one line.
 */
export interface Span {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export interface Token {
  readonly text: string;
  readonly span: Span;
}

/** `gauge_histogram` is accepted by the gateway's parser (client_model 0.3) but stored without values. */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped' | 'gauge_histogram';

export interface LabelPair {
  readonly name: Token;
  /** The unescaped value. */
  readonly value: string;
  /** The quoted value as written, quotes included. */
  readonly valueSpan: Span;
}

export interface Sample {
  /** The name as written, e.g. `http_request_duration_seconds_bucket`. */
  readonly name: Token;
  /** The family the sample belongs to, e.g. `http_request_duration_seconds`. */
  readonly familyName: string;
  readonly labels: readonly LabelPair[];
  readonly value: Token;
  readonly numericValue: number;
  readonly timestamp?: Token;
  readonly line: number;
}

export interface HelpLine {
  /** The unescaped docstring. */
  readonly text: string;
  readonly name: Token;
  readonly line: number;
  /** The docstring as written. */
  readonly textSpan: Span;
}

export interface TypeLine {
  readonly type: MetricType;
  readonly name: Token;
  readonly line: number;
  readonly typeToken: Token;
}

export interface Family {
  readonly name: string;
  help?: HelpLine;
  type?: TypeLine;
  /** The line of a TYPE line for this family that the parser refused (an unknown type), if any. */
  readonly refusedTypeLine?: number;
  /** The type the gateway gives the family: the TYPE line's, or untyped. */
  readonly effectiveType: MetricType;
  /**
   * A gauge histogram read by the 1.11 parser: its `_bucket`, `_count` and `_sum` lines join it and
   * `le` is left out of its labels, as for a histogram (the 1.5 parser keeps every line a metric).
   */
  readonly gaugeHistogramAsHistogram?: boolean;
  readonly samples: Sample[];
  /** Every line that belongs to the family (HELP, TYPE and samples), in document order. */
  readonly lines: number[];
  /** Room for what the lint rules work out of the family once and share (rules/familyMemo.ts, which alone reads it). */
  memo?: object;
}

/** A line the gateway's text parser rejects, in the parser's own words and in ours. */
export interface ParseProblem {
  readonly code: ParseProblemCode;
  /** For the user: what is wrong and, where it helps, how to fix it. */
  readonly message: string;
  /** What Go's expfmt.TextParser would say, e.g. `text format parsing error in line 3: invalid metric name`. */
  readonly goError: string;
  readonly span: Span;
  /** Pushgateway 1.11.2 answers nothing and closes the connection (its parser crashes on `{} 1`). */
  readonly dropsConnection?: boolean;
}

export interface ParsedDocument {
  /** Families in order of first appearance, including those with only HELP/TYPE lines. */
  readonly families: Family[];
  readonly samples: Sample[];
  /** Every line the parser rejects; the first one is what the gateway answers with 400. */
  readonly problems: ParseProblem[];
  /** `# EOF` and `# UNIT` keywords: OpenMetrics syntax that the gateway takes as plain comments. */
  readonly openMetricsKeywords: Token[];
  readonly lineCount: number;
  /**
   * Some name was written quoted (the 1.11 parser's quoted-name path). Without one every name is
   * spelled by the legacy rules, so the document parses the same with and without UTF-8 names.
   */
  readonly quotedNames: boolean;
}
