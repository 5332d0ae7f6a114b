import { decodeExposition } from '../../exposition/decode';
import { DetachedTexts } from '../../exposition/detachedText';
import { parseGoFloat, parseGoInt64 } from '../../goemu/goNumbers';
import { Family, MetricType, ParsedDocument, ParseProblem, Sample } from '../../exposition/model';
import { parseExposition, parseExpositionByFamily, parseExpositionInSteps } from '../../exposition/parser';
import { failure, Result, success } from '../../result';
import { GatewayTarget } from '../../protocol/gatewayTarget';
import { goFloatToUint64 } from '../../goemu/goFormat';
import { COUNTER, GAUGE, GAUGE_HISTOGRAM, HISTOGRAM, LabelPair, Metric, MetricFamily, MetricTypeCode, SUMMARY, UNTYPED } from '../model';

// A text push body into dto families, the way expfmt.TextParser (prometheus/common 0.37) builds
// them: summary and histogram lines merge by label signature, `_count` becomes a uint64 with Go's
// wrap-around, NaN quantiles and bounds are dropped, families without samples disappear.

const TYPE_CODES: Record<MetricType, MetricTypeCode> = {
  counter: COUNTER,
  gauge: GAUGE,
  summary: SUMMARY,
  untyped: UNTYPED,
  histogram: HISTOGRAM,
  gauge_histogram: GAUGE_HISTOGRAM,
};

/**
 * Parses a text body as the target's parser does. `streamError` is the error the body's reader ended with (e.g. a truncated
 * gzip stream): Go's parser reports it where the input ends mid-line and ignores it at a line start.
 * The error is the gateway's 400 text without the final new-line.
 */
export function familiesFromText(bytes: Uint8Array, target: GatewayTarget, streamError?: string, errorAtLineStart = false): Result<MetricFamily[]> {
  const families = textBodyFamilies(bytes, streamError, errorAtLineStart, target);
  return families.ok ? families : failure(families.error.message);
}

/** Why a text body is refused: the 400 text, or (1.11.2 on `{} 1`) no answer at all. */
export interface TextBodyFailure {
  readonly message: string;
  readonly dropsConnection: boolean;
}

/** familiesFromText, telling a body the gateway drops the connection for from one it answers 400. */
export function textBodyFamilies(bytes: Uint8Array, streamError: string | undefined, errorAtLineStart: boolean, target: GatewayTarget): Result<MetricFamily[], TextBodyFailure> {
  return familiesOfParsedBody(parseExposition(decodeExposition(bytes), { target }), streamError, errorAtLineStart, target);
}

/** How many lines of a text body are parsed between two pauses. */
export const LINES_PER_PARSE_STEP = 20_000;

/**
 * textBodyFamilies, parsing LINES_PER_PARSE_STEP lines at a time with a pause between (so a big
 * body does not hold the event loop) and converting each family as soon as the parser hands it
 * over (so its parsed lines die young instead of living until the whole body is parsed). It stops
 * at the first refused line: that one is the answer. A body whose family comes back after another
 * family's lines is parsed again as one document (Go merges those lines into one family), also in steps.
 */
export async function textBodyFamiliesInSteps(
  bytes: Uint8Array,
  streamError: string | undefined,
  errorAtLineStart: boolean,
  target: GatewayTarget,
  pause: () => Promise<void>,
  linesPerStep = LINES_PER_PARSE_STEP,
): Promise<Result<MetricFamily[], TextBodyFailure>> {
  const text = decodeExposition(bytes);
  const floatCounts = target.version === '1.11';
  const families: MetricFamily[] = [];
  const texts = new DetachedTexts();
  const parse = parseExpositionByFamily({ target }, (family) => {
    if (family.samples.length > 0) {
      families.push(convertFamily(family, floatCounts, texts));
    }
  });
  for (let start = 0; ;) {
    const end = endOfLines(text, start, linesPerStep);
    if (end === undefined) {
      parse.end(text.slice(start));
    } else {
      parse.write(text.slice(start, end));
      start = end;
    }
    const problem = parse.takeProblems()[0];
    if (problem !== undefined) {
      return failure(refusal(problem, streamError));
    }
    if (end === undefined) {
      break;
    }
    await pause();
  }
  if (parse.summary().familyReturned) {
    return wholeBodyInSteps(text, streamError, errorAtLineStart, target, pause, linesPerStep);
  }
  return streamError !== undefined && errorAtLineStart ? failure({ message: streamError, dropsConnection: false }) : success(families);
}

/** The whole-document parse (which merges a family that comes back), still a slice of lines at a time. */
async function wholeBodyInSteps(
  text: string,
  streamError: string | undefined,
  errorAtLineStart: boolean,
  target: GatewayTarget,
  pause: () => Promise<void>,
  linesPerStep: number,
): Promise<Result<MetricFamily[], TextBodyFailure>> {
  const parse = parseExpositionInSteps(text, { target });
  while (parse.step(linesPerStep)) {
    await pause();
  }
  return familiesOfParsedBody(parse.result(), streamError, errorAtLineStart, target);
}

/** The offset just after the `lines`-th new-line from `start`; undefined when the text has fewer. */
function endOfLines(text: string, start: number, lines: number): number | undefined {
  let end = start;
  for (let line = 0; line < lines; line++) {
    const newline = text.indexOf('\n', end);
    if (newline < 0) {
      return undefined;
    }
    end = newline + 1;
  }
  return end;
}

/** The 400 for the first refused line; a body cut mid-line by its reader's error gets that error. */
function refusal(problem: ParseProblem, streamError: string | undefined): TextBodyFailure {
  const endedMidLine = problem.code === 'missing-final-newline';
  return { message: endedMidLine && streamError !== undefined ? streamError : problem.goError, dropsConnection: problem.dropsConnection === true };
}

function familiesOfParsedBody(document: ParsedDocument, streamError: string | undefined, errorAtLineStart: boolean, target: GatewayTarget): Result<MetricFamily[], TextBodyFailure> {
  const problem = document.problems[0];
  if (problem !== undefined) {
    return failure(refusal(problem, streamError));
  }
  if (streamError !== undefined && errorAtLineStart) {
    return failure({ message: streamError, dropsConnection: false });
  }
  return success(familiesFromDocument(document, target.version === '1.11'));
}

/** The families the gateway stores for a document the parser accepted (families without samples are dropped). */
function familiesFromDocument(document: ParsedDocument, floatCounts = false): MetricFamily[] {
  const texts = new DetachedTexts();
  return document.families.filter((family) => family.samples.length > 0).map((family) => convertFamily(family, floatCounts, texts));
}

/**
 * `texts` copies the names, values and HELP texts the store keeps: a slice of the body would keep the
 * whole body alive. `floatCounts`: 1.11's parser, which also merges a gauge histogram's lines into histograms and
 * keeps a histogram count that is not a whole number as a float count.
 */
function convertFamily(family: Family, floatCounts: boolean, texts: DetachedTexts): MetricFamily {
  const type = TYPE_CODES[family.effectiveType];
  const merged = type === SUMMARY || type === HISTOGRAM || family.gaugeHistogramAsHistogram === true;
  const metrics = merged ? mergedMetrics(family, type, floatCounts, texts) : family.samples.map((sample) => simpleMetric(sample, type, texts));
  const converted: MetricFamily = { name: texts.of(family.name), type, metrics };
  if (family.help !== undefined) {
    converted.help = texts.of(family.help.text);
  }
  return converted;
}

/** The sample's labels but `excluded`, in an array of its exact size (one grown by push keeps room for 16 more). */
function labelsOf(sample: Sample, texts: DetachedTexts, excluded?: string): LabelPair[] {
  let count = 0;
  for (const label of sample.labels) {
    count += label.name.text === excluded ? 0 : 1;
  }
  const labels = new Array<LabelPair>(count);
  let next = 0;
  for (const label of sample.labels) {
    if (label.name.text !== excluded) {
      labels[next++] = { name: texts.of(label.name.text), value: texts.of(label.value) };
    }
  }
  return labels;
}

function timestampOf(sample: Sample): bigint | undefined {
  return sample.timestamp === undefined ? undefined : parseGoInt64(sample.timestamp.text);
}

/** Counter, gauge, untyped: one metric per line. A gauge_histogram line gets no value at all, as in Go. */
function simpleMetric(sample: Sample, type: MetricTypeCode, texts: DetachedTexts): Metric {
  const metric: Metric = { labels: labelsOf(sample, texts) };
  const value = { value: sample.numericValue };
  if (type === COUNTER) {
    metric.counter = value;
  } else if (type === GAUGE) {
    metric.gauge = value;
  } else if (type === UNTYPED) {
    metric.untyped = value;
  }
  const timestamp = timestampOf(sample);
  if (timestamp !== undefined) {
    metric.timestampMs = timestamp;
  }
  return metric;
}

type LineRole = 'count' | 'sum' | 'other';

/** `x_count` / `x_sum` lines of family `x`; a line named like the family itself has no role. */
function lineRole(sample: Sample): LineRole {
  const suffix = sample.name.text.slice(sample.familyName.length);
  if (sample.name.text === sample.familyName) {
    return 'other';
  }
  return suffix === '_count' ? 'count' : suffix === '_sum' ? 'sum' : 'other';
}

/** Go's signature: the labels without the special one, as a set. */
function signatureOf(labels: readonly LabelPair[]): string {
  const sorted = [...labels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return JSON.stringify(sorted.map((label) => [label.name, label.value]));
}

/** The value of the last `le`/`quantile` label of a line, or NaN when there is none. */
function specialLabelValue(sample: Sample, special: string): number {
  let value = NaN;
  for (const label of sample.labels) {
    if (label.name.text === special) {
      value = parseGoFloat(label.value) ?? NaN;
    }
  }
  return value;
}

function mergedMetrics(family: Family, type: MetricTypeCode, floatCounts: boolean, texts: DetachedTexts): Metric[] {
  const special = type === SUMMARY ? 'quantile' : 'le';
  const bySignature = new Map<string, Metric>();
  const metrics: Metric[] = [];
  for (const sample of family.samples) {
    const labels = labelsOf(sample, texts, special);
    const signature = signatureOf(labels);
    let metric = bySignature.get(signature);
    if (metric === undefined) {
      metric = type === SUMMARY ? { labels, summary: { quantiles: [] } } : { labels, histogram: { buckets: [] } };
      bySignature.set(signature, metric);
      metrics.push(metric);
    }
    applyLine(metric, sample, specialLabelValue(sample, special), floatCounts);
    const timestamp = timestampOf(sample);
    if (timestamp !== undefined) {
      metric.timestampMs = timestamp;
    }
  }
  return metrics;
}

/** A count Go keeps as uint64 (a whole number in range); otherwise a float count, where the parser keeps those. */
function isWholeCount(value: number): boolean {
  return value === Math.trunc(value) && value >= 0 && value < 2 ** 63;
}

function applyLine(metric: Metric, sample: Sample, special: number, floatCounts: boolean): void {
  const role = lineRole(sample);
  const value = sample.numericValue;
  const target = metric.summary ?? metric.histogram;
  if (target === undefined) {
    return;
  }
  if (role === 'count') {
    if (floatCounts && metric.histogram !== undefined && !isWholeCount(value)) {
      metric.histogram.sampleCountFloat = value;
      return;
    }
    target.sampleCount = goFloatToUint64(value);
  } else if (role === 'sum') {
    target.sampleSum = value;
  } else if (!Number.isNaN(special)) {
    if (metric.summary !== undefined) {
      metric.summary.quantiles.push({ quantile: special, value });
    } else if (metric.histogram !== undefined) {
      const count = floatCounts && !isWholeCount(value) ? { cumulativeCountFloat: value } : { cumulativeCount: goFloatToUint64(value) };
      metric.histogram.buckets.push({ upperBound: special, ...count });
    }
  }
}
