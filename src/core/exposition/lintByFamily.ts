import { BYTE_ORDER_MARK } from './characters';
import { detachedHelp, DetachedTexts, detachedText, detachedType } from './detachedText';
import { compareDiagnostics, Diagnostic } from './diagnostic';
import { ALL_RULES, byteOrderMarkDiagnostic, DiagnosticCollector, LintOptions, urlLabelsOf } from './lint';
import { Family, ParsedDocument, ParseProblem, Sample, Token } from './model';
import { ExpositionByFamily, parseExpositionByFamily } from './parser';
import { LineTexts } from './lineTexts';
import { LintRule, RuleContext } from './rules/rule';
import { DEFAULT_GATEWAY_TARGET, GatewayTarget } from '../protocol/gatewayTarget';

// lintExposition for a document read a piece at a time, which is never one string: each family is
// parsed, checked and dropped, so its samples die young and memory follows the findings and the
// number of families, not the size of the input. The few checks that compare families run at the
// end on what is kept of each (HELP, TYPE, first sample). A document whose findings need it whole
// (a family that comes back after another, CRLF line endings, quoted names checked against
// promtool's legacy rules) is handed back: the caller lints it with lintExposition. The diagnostics
// are lintExposition's, in the same order.

/**
 * Families are checked in batches of at least this many samples: enough to spread each rule's cost,
 * few enough that a batch is mostly gone before a scavenge copies it (2048 cost ~15 ms more on 100k
 * samples in 10k families).
 */
const BATCH_SAMPLES = 256;

/** How many distinct finding messages are copied once and shared; later new ones are copied each. */
const REMEMBERED_MESSAGES = 4096;

/** At most one finding message is copied per this many characters of input (see DetachedTexts.allowCopies). */
const CHARACTERS_PER_MESSAGE_COPY = 256;

const FAMILY_RULES: readonly LintRule[] = ALL_RULES.filter((rule) => !rule.acrossFamilies);
const ACROSS_FAMILY_RULES: readonly LintRule[] = ALL_RULES.filter((rule) => rule.acrossFamilies);

export class ExpositionLintByFamily {
  private readonly target: GatewayTarget;
  private readonly urlLabels: ReadonlySet<string>;
  private readonly parse: ExpositionByFamily;
  /** The BOM finding, as lintExposition adds it first. */
  private readonly documentFindings: DiagnosticCollector;
  private readonly problemFindings: DiagnosticCollector;
  private readonly ruleFindings: DiagnosticCollector;
  private readonly messageCopies: DetachedTexts;
  private batch: Family[] = [];
  private batchSamples = 0;
  /** What the checks across families need of the families they can find something in, in document order. */
  private readonly kept: Family[] = [];
  /** The checks across families that are on: only their families are kept. */
  private readonly keptRules: readonly LintRule[];
  private started = false;
  /** The first line of the piece being parsed. */
  private pieceLine = 0;
  private wholeDocumentNeeded = false;

  constructor(private readonly options: LintOptions = {}) {
    this.target = options.target ?? DEFAULT_GATEWAY_TARGET;
    this.urlLabels = urlLabelsOf(options);
    this.keptRules = ACROSS_FAMILY_RULES.filter((rule) => (options.severities?.[rule.code] ?? rule.defaultSeverity) !== 'off');
    this.documentFindings = new DiagnosticCollector(options.severities);
    // Messages repeat (most are fixed texts): a copy per distinct message, the first thousands remembered.
    this.messageCopies = new DetachedTexts(REMEMBERED_MESSAGES);
    this.problemFindings = new DiagnosticCollector(options.severities, this.messageCopies);
    this.ruleFindings = new DiagnosticCollector(options.severities, this.messageCopies);
    this.parse = parseExpositionByFamily({ target: this.target }, (family) => this.familyDone(family));
  }

  /** Lints whole lines, each ended by its new-line; ignored once the document needs lintExposition. */
  write(lines: string): void {
    if (!this.wholeDocumentNeeded) {
      this.parsePiece(lines, false);
    }
  }

  /** The document needs lintExposition on its whole text (see above): later pieces are ignored. */
  get needsWholeDocument(): boolean {
    return this.wholeDocumentNeeded;
  }

  /** Lints the rest of the document (empty, or a last line without its new-line): the diagnostics, or undefined when the document needs lintExposition. */
  end(rest: string): Diagnostic[] | undefined {
    if (!this.wholeDocumentNeeded) {
      this.parsePiece(rest, true);
    }
    if (this.wholeDocumentNeeded) {
      return undefined;
    }
    this.lintBatch();
    const { lineCount, quotedNames, openMetricsKeywords } = this.parse.summary();
    this.ruleFindings.addRuleFindings(ACROSS_FAMILY_RULES, this.context({ families: this.kept, samples: [], problems: [], openMetricsKeywords, lineCount, quotedNames }));
    // lintExposition's order: the document's findings, the parse problems, then the rules'.
    return [...this.documentFindings.collected(), ...this.problemFindings.collected(), ...this.ruleFindings.collected()].sort(compareDiagnostics);
  }

  private parsePiece(text: string, last: boolean): void {
    let piece = text;
    if (!this.started && (piece.length > 0 || last)) {
      this.started = true;
      const hasBom = piece.charCodeAt(0) === BYTE_ORDER_MARK;
      if (hasBom) {
        piece = piece.slice(1);
      }
      if (hasBom || this.options.fileHasByteOrderMark) {
        this.documentFindings.add(byteOrderMarkDiagnostic(hasBom));
      }
    }
    // lintExposition reads CRLF as LF and says whether that changes the parse, which takes the whole text.
    if (piece.includes('\r\n')) {
      this.wholeDocumentNeeded = true;
      return;
    }
    this.messageCopies.allowCopies(piece.length, CHARACTERS_PER_MESSAGE_COPY);
    if (last) {
      this.parse.end(piece);
    } else {
      this.parse.write(piece);
    }
    const lines = new LineTexts(piece, this.pieceLine);
    this.problemFindings.addProblems(this.parse.takeProblems(), (line) => lines.of(line));
    const { lineCount, quotedNames, familyReturned } = this.parse.summary();
    this.pieceLine = lineCount;
    this.wholeDocumentNeeded = familyReturned || this.problemFindings.checksUtf8Names(this.target, quotedNames);
  }

  private familyDone(family: Family): void {
    this.batch.push(family);
    // A family without samples counts as one, so that HELP/TYPE lines alone still fill batches.
    this.batchSamples += Math.max(1, family.samples.length);
    if (this.keptRules.some((rule) => rule.acrossFamilies?.keeps(family))) {
      this.kept.push(familyOutline(family));
    }
    if (this.batchSamples >= BATCH_SAMPLES) {
      this.lintBatch();
    }
  }

  private lintBatch(): void {
    if (this.batch.length === 0 || this.wholeDocumentNeeded) {
      return;
    }
    const { lineCount, quotedNames } = this.parse.summary();
    this.ruleFindings.addRuleFindings(FAMILY_RULES, this.context(new BatchDocument(this.batch, lineCount, quotedNames)));
    this.batch = [];
    this.batchSamples = 0;
  }

  private context(document: ParsedDocument): RuleContext {
    return {
      document,
      urlLabels: this.urlLabels,
      lineLength: () => {
        // Only family-not-contiguous finds whole lines, and a family that comes back makes the document go to lintExposition.
        throw new Error('line lengths are not kept when linting family by family');
      },
      target: this.target,
    };
  }
}

/** A batch of families as the document the rules check. */
class BatchDocument implements ParsedDocument {
  readonly problems: ParseProblem[] = [];
  readonly openMetricsKeywords: Token[] = [];
  private allSamples: Sample[] | undefined;

  constructor(
    readonly families: Family[],
    readonly lineCount: number,
    readonly quotedNames: boolean,
  ) {}

  /** Only the label rules read it, and only for families with such a label: made when asked for. */
  get samples(): Sample[] {
    return (this.allSamples ??= this.families.flatMap((family) => family.samples));
  }
}

/**
 * What the checks across families read of a family: its name, HELP, TYPE and the name and line of
 * its first sample, as strings of their own (see detachedText); not its lines.
 */
function familyOutline(family: Family): Family {
  return {
    ...family,
    help: family.help && detachedHelp(family.help),
    type: family.type && detachedType(family.type),
    samples: family.samples.length === 0 ? [] : [sampleOutline(family.samples[0])],
    lines: [],
    // The whole family's memo holds its samples (its metrics) and does not describe the outline.
    memo: undefined,
  };
}

function sampleOutline(sample: Sample): Sample {
  const { line, start, end } = sample.name.span;
  const value = sample.value.span;
  return {
    name: { text: detachedText(sample.name.text), span: { line, start, end } },
    familyName: detachedText(sample.familyName),
    labels: [],
    value: { text: '', span: { line: value.line, start: value.start, end: value.end } },
    numericValue: sample.numericValue,
    line: sample.line,
  };
}
