import { MetricType } from './model';

const TYPE_NAMES: Record<string, MetricType> = {
  COUNTER: 'counter',
  GAUGE: 'gauge',
  SUMMARY: 'summary',
  UNTYPED: 'untyped',
  HISTOGRAM: 'histogram',
  GAUGE_HISTOGRAM: 'gauge_histogram',
};

const WRITTEN_TYPE_NAMES: ReadonlyMap<string, MetricType> = new Map(Object.entries(TYPE_NAMES).map(([upper, type]) => [upper.toLowerCase(), type]));

/**
 * The type a TYPE line names, read as Go's parser reads it (in any case), or undefined for a type it
 * does not know. The 1.11 parser (`acceptsGaugehistogram`) also takes OpenMetrics' `gaugehistogram`.
 */
export function metricTypeNamed(text: string, acceptsGaugehistogram = false): MetricType | undefined {
  // As written in almost every document: no upper-casing needed.
  const written = WRITTEN_TYPE_NAMES.get(text);
  if (written !== undefined) {
    return written;
  }
  const upper = goToUpper(text);
  return TYPE_NAMES[upper] ?? (acceptsGaugehistogram && upper === 'GAUGEHISTOGRAM' ? 'gauge_histogram' : undefined);
}

/**
 * Go's strings.ToUpper as far as type names can tell: ASCII letters, plus the two non-ASCII letters
 * whose simple upper-case mapping is an ASCII letter (ı → I, ſ → S). JavaScript's toUpperCase
 * would also turn ligatures such as "ﬆ" into "ST", which Go does not.
 */
function goToUpper(text: string): string {
  let upper = '';
  for (const char of text) {
    if (char >= 'a' && char <= 'z') {
      upper += char.toUpperCase();
    } else if (char === '\u0131') {
      upper += 'I';
    } else if (char === '\u017f') {
      upper += 'S';
    } else {
      upper += char;
    }
  }
  return upper;
}
