import * as assert from 'node:assert/strict';
import { Diagnostic } from '../../../src/core/exposition/diagnostic';
import { lintExposition, LintOptions } from '../../../src/core/exposition/lint';
import { ParsedDocument, Sample, Span } from '../../../src/core/exposition/model';
import { parseExposition } from '../../../src/core/exposition/parser';
import { seededRandom } from '../../support/seededRandom';
import { mutate, pick, SEED_DOCUMENTS } from './fuzzDocuments';

// Seeded, bounded fuzzing of the parser and the linter: mutated valid and invalid documents must
// never make them throw, and every span, error text and ordering they report must stay coherent.
// A failing iteration prints its seed, iteration and the document, so it can be replayed.

// PGW_FUZZ_SEED and PGW_FUZZ_ITERATIONS override the fixed defaults for a longer hunt or a replay.
const SEED = envNumber('PGW_FUZZ_SEED', 0x5eed_f022);
const ITERATIONS = envNumber('PGW_FUZZ_ITERATIONS', 3000);
const MAX_MUTATIONS = 4;
const MIN_CLEAN_DOCUMENTS = 100;

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isSafeInteger(value) ? value : fallback;
}

// --- invariants ------------------------------------------------------------------------------------

const GO_ERROR = /^text format parsing error in line (\d+): /;

function assertSpanWithin(span: Span, lines: readonly string[], what: string): void {
  assert.ok(Number.isInteger(span.line) && span.line >= 0 && span.line < lines.length, `${what}: line ${span.line} outside 0..${lines.length - 1}`);
  const length = lines[span.line].length;
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: non-integer columns ${span.start}-${span.end}`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= length, `${what}: columns ${span.start}-${span.end} outside line ${span.line} of length ${length}`);
}

function assertParseInvariants(document: ParsedDocument, text: string): void {
  const lines = text.split('\n');
  assert.ok(document.lineCount <= lines.length, `lineCount ${document.lineCount} > ${lines.length} lines`);
  let previousLine = -1;
  for (const problem of document.problems) {
    assertSpanWithin(problem.span, lines, `problem ${problem.code}`);
    const match = GO_ERROR.exec(problem.goError);
    assert.ok(match, `goError without the Go prefix: ${JSON.stringify(problem.goError)}`);
    assert.equal(Number(match[1]) - 1, problem.span.line, `goError line vs span line: ${problem.goError}`);
    assert.ok(problem.span.line >= previousLine, `problems out of order: line ${problem.span.line} after ${previousLine}`);
    previousLine = problem.span.line;
    assert.ok(problem.message.length > 0, `problem ${problem.code} without a message`);
  }
  for (const sample of document.samples) {
    assertSpanWithin(sample.name.span, lines, `sample name on line ${sample.line}`);
    assertSpanWithin(sample.value.span, lines, `sample value on line ${sample.line}`);
  }
}

/** The text lint reports positions in: without a BOM, CRLF turned into LF (see lintExposition). */
function lintedLines(text: string): string[] {
  const withoutBom = text.startsWith('\ufeff') ? text.slice(1) : text;
  return withoutBom.replace(/\r\n/g, '\n').split('\n');
}

function assertLintInvariants(diagnostics: readonly Diagnostic[], text: string): void {
  const lines = lintedLines(text);
  let previousLine = -1;
  for (const diagnostic of diagnostics) {
    assertSpanWithin(diagnostic.span, lines, `diagnostic ${diagnostic.code}`);
    assert.ok(diagnostic.span.line >= previousLine, `diagnostics out of order: line ${diagnostic.span.line} after ${previousLine}`);
    previousLine = diagnostic.span.line;
  }
}

// --- re-parsing a clean document ----------------------------------------------------------------

function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}

function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (char) => (char === '\n' ? '\\n' : '\\\\'));
}

function renderSample(sample: Sample): string {
  const labels = sample.labels.map((label) => `${label.name.text}="${escapeLabelValue(label.value)}"`);
  const labelText = labels.length > 0 ? `{${labels.join(',')}}` : '';
  return `${sample.name.text}${labelText} ${sample.value.text}${sample.timestamp ? ` ${sample.timestamp.text}` : ''}`;
}

/**
 * The document written out again from what was parsed, line for line in the original order (the
 * order decides which family `x_count` joins): HELP, TYPE and samples in a plain spelling, and a
 * bare `# HELP name ` for lines that only opened a family. Comments and blank lines drop out.
 */
function render(document: ParsedDocument): string {
  const byLine = new Map<number, string>();
  for (const family of document.families) {
    for (const line of family.lines) {
      byLine.set(line, `# HELP ${family.name} `);
    }
    if (family.help) {
      byLine.set(family.help.line, `# HELP ${family.help.name.text} ${escapeHelp(family.help.text)}`);
    }
    if (family.type) {
      byLine.set(family.type.line, `# TYPE ${family.type.name.text} ${family.type.typeToken.text}`);
    }
  }
  for (const sample of document.samples) {
    byLine.set(sample.line, renderSample(sample));
  }
  return [...byLine.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, line]) => `${line}\n`)
    .join('');
}

/** What a document means, without positions: families, their types and help texts, and samples. */
function meaning(document: ParsedDocument): unknown {
  return {
    families: document.families.map((family) => ({
      name: family.name,
      type: family.effectiveType,
      declaredType: family.type?.type,
      help: family.help?.text,
      samples: family.samples.length,
    })),
    samples: document.samples.map((sample) => ({
      name: sample.name.text,
      family: sample.familyName,
      labels: sample.labels.map((label) => [label.name.text, label.value]),
      value: Number.isNaN(sample.numericValue) ? 'NaN' : sample.numericValue,
      timestamp: sample.timestamp?.text,
    })),
  };
}

function assertReparseStable(document: ParsedDocument): void {
  const rendered = render(document);
  const reparsed = parseExposition(rendered);
  assert.deepEqual(
    reparsed.problems.map((problem) => problem.goError),
    [],
    `the re-rendered document has problems:\n${rendered}`,
  );
  assert.deepEqual(meaning(reparsed), meaning(document), `re-parsing changed the meaning:\n${rendered}`);
  assert.equal(render(reparsed), rendered, 'rendering is not a fixpoint');
}

// --- one iteration ---------------------------------------------------------------------------------

const LINT_OPTIONS: readonly LintOptions[] = [{}, { groupingLabels: ['instance', 'db'] }, { severities: { 'no-help': 'off', timestamp: 'hint' } }];

/** Checks one document; returns whether it was clean (so its re-parse was checked). */
function checkDocument(text: string, options: LintOptions): boolean {
  const document = parseExposition(text);
  assertParseInvariants(document, text);
  const again = parseExposition(text);
  assert.deepEqual(again, document, 'parsing the same text twice gave different results');
  const { diagnostics, document: linted } = lintExposition(text, options);
  assertLintInvariants(diagnostics, text);
  const lines = lintedLines(text);
  for (const problem of linted.problems) {
    assertSpanWithin(problem.span, lines, `lint document problem ${problem.code}`);
  }
  if (document.problems.length > 0) {
    return false;
  }
  assertReparseStable(document);
  return true;
}

function describeFailure(error: unknown, iteration: number, text: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  const shown = text.length > 400 ? `${JSON.stringify(text.slice(0, 400))}... (${text.length} chars)` : JSON.stringify(text);
  return new Error(`seed ${SEED}, iteration ${iteration}: ${message}\ndocument: ${shown}`);
}

// --- timing ----------------------------------------------------------------------------------------

const TIME_RATIO_LIMIT = 12;
const TIMING_RUNS = 3;
const TIMING_ATTEMPTS = 3;
/**
 * The smaller input's time counts as at least this much. Below it the figures are dominated by where
 * the garbage collector happens to run (a large input leaves V8's young generation, a small one does
 * not), which alone gave ratios of 13-15 for linear code; a quadratic parser needs seconds here.
 */
const TIMING_FLOOR_MS = 10;

/** CPU time of this process, not wall time: another process loading the machine does not count. */
function timeMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

interface RatioMeasurement {
  readonly smallMs: number;
  readonly largeMs: number;
  readonly ratio: number;
}

/** Min of TIMING_RUNS runs each, small and large interleaved so that both see the same machine load. */
function measureRatio(run: () => void, runLarge: () => void): RatioMeasurement {
  let smallMs = Infinity;
  let largeMs = Infinity;
  for (let i = 0; i < TIMING_RUNS; i++) {
    smallMs = Math.min(smallMs, timeMs(run));
    largeMs = Math.min(largeMs, timeMs(runLarge));
  }
  const floored = Math.max(smallMs, TIMING_FLOOR_MS);
  return { smallMs: floored, largeMs, ratio: largeMs / floored };
}

interface Shape {
  readonly name: string;
  /** A document of about `size` characters. */
  readonly make: (size: number) => string;
  /** The size of the larger input; the smaller one is a quarter of it. */
  readonly size: number;
}

const PARSE_SHAPES: readonly Shape[] = [
  { name: 'one line of a{a=" repeated', make: (size) => `${'a{a="'.repeat(size / 5)}\n`, size: 2_000_000 },
  { name: 'a label value of \\\\', make: (size) => `a{b="${'\\\\'.repeat(size / 2)}"} 1\n`, size: 1_000_000 },
  { name: 'a value of digits', make: (size) => `a ${'9'.repeat(size)}\n`, size: 1_000_000 },
  { name: 'a timestamp of digits', make: (size) => `a 1 ${'9'.repeat(size)}\n`, size: 400_000 },
  { name: '{ repeated', make: (size) => `${'{'.repeat(size)}\n`, size: 200_000 },
  { name: 'a label value never closed, no final new-line', make: (size) => `a{b="${'x'.repeat(size)}`, size: 1_000_000 },
  { name: 'a HELP text of escapes', make: (size) => `# HELP a ${'\\n'.repeat(size / 2)}\n`, size: 1_000_000 },
  { name: 'a metric name', make: (size) => `${'a'.repeat(size)} 1\n`, size: 1_000_000 },
  { name: 'blanks between name and value', make: (size) => `a${' \t'.repeat(size / 2)}1\n`, size: 1_000_000 },
  { name: 'many labels on one sample', make: (size) => `a{${Array.from({ length: size / 10 }, (_, i) => `l${i}="v"`).join(',')}} 1\n`, size: 400_000 },
  { name: 'many broken lines', make: (size) => 'a{b=1} 1\n'.repeat(size / 9), size: 200_000 },
  { name: 'many HELP lines of one family', make: (size) => '# HELP a x\n'.repeat(size / 11), size: 200_000 },
];

/** A histogram with one series and many buckets: each bucket a line. */
function oneSeriesHistogram(size: number): string {
  const lines = ['# TYPE h histogram'];
  for (let i = 0; lines.length * 24 < size; i++) {
    lines.push(`h_bucket{le="${i}"} ${i}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Fails only when every attempt is over the limit: a burst of load on a busy machine passes, a
 * quadratic parser (16x and more, every time) does not.
 */
function assertLinear(shape: Shape, run: (text: string) => void): void {
  const small = shape.make(shape.size / 4);
  const large = shape.make(shape.size);
  run(small); // warm-up
  const attempts: RatioMeasurement[] = [];
  while (attempts.length < TIMING_ATTEMPTS) {
    const measured = measureRatio(
      () => run(small),
      () => run(large),
    );
    attempts.push(measured);
    if (measured.ratio < TIME_RATIO_LIMIT) {
      return;
    }
  }
  const described = attempts.map((m) => `${m.ratio.toFixed(1)}x (${m.smallMs.toFixed(1)} ms -> ${m.largeMs.toFixed(1)} ms)`).join(', ');
  assert.fail(`${shape.name}: 4x the input took ${described} the time in ${TIMING_ATTEMPTS} attempts`);
}

// --- the tests -------------------------------------------------------------------------------------

describe(`exposition fuzzing (seed ${SEED}, ${ITERATIONS} iterations)`, function () {
  it('never throws, and keeps spans, error texts and order coherent', () => {
    const random = seededRandom(SEED);
    let clean = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const text = mutate(random, pick(random, SEED_DOCUMENTS), MAX_MUTATIONS);
      const options = pick(random, LINT_OPTIONS);
      try {
        clean += checkDocument(text, options) ? 1 : 0;
      } catch (error) {
        throw describeFailure(error, iteration, text);
      }
    }
    assert.ok(clean >= MIN_CLEAN_DOCUMENTS, `only ${clean} mutated documents parsed without problems; the re-parse check needs more`);
  });

  it('re-parses every seed document that has no problem to the same meaning', () => {
    for (const text of SEED_DOCUMENTS) {
      checkDocument(text, {});
    }
  });
});

describe('exposition parsing takes linear time', function () {
  for (const shape of PARSE_SHAPES) {
    it(`${shape.name} (${shape.size / 4} and ${shape.size} characters: under ${TIME_RATIO_LIMIT}x the time)`, () => {
      assertLinear(shape, (text) => parseExposition(text));
    });
  }

  // Known bug, kept pending so the suite stays green: bucketSeries() in rules/structureRules.ts copies
  // a series' bucket list on every bucket, so linting one histogram series of n buckets is O(n²)
  // (4.7 s for 20 000 buckets). Un-skip once it appends in place.
  it('linting a histogram series with many buckets', () => {
    assertLinear({ name: 'one histogram series, many buckets', make: oneSeriesHistogram, size: 400_000 }, (text) => lintExposition(text));
  });

  it('linting a document whose every label value is unquoted', () => {
    assertLinear({ name: 'every label value unquoted', make: (size) => Array.from({ length: size / 10 }, (_, i) => `m{a=x${i}} 1\n`).join(''), size: 80_000 }, (text) => lintExposition(text));
  });
});
