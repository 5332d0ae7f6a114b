import {
  BACKSLASH,
  BYTE_ORDER_MARK,
  CARRIAGE_RETURN,
  CLOSE_BRACE,
  COMMA,
  EQUALS,
  HASH,
  isBlankOrTab,
  isLabelNameContinuation,
  isLabelNameStart,
  isMetricNameContinuation,
  isMetricNameStart,
  NEWLINE,
  OPEN_BRACE,
  QUOTE,
} from './characters';
import { isEscapedByte } from './decode';
import { detachedText } from './detachedText';
import { parseGoFloat, parseGoInt64 } from '../goemu/goNumbers';
import { Family, HelpLine, LabelPair, MetricType, ParsedDocument, ParseProblem, Sample, Span, Token, TypeLine } from './model';
import {
  byteOrderMarkAsMetricName,
  carriageReturnLine,
  duplicateHelp,
  duplicateLabelName,
  duplicateType,
  expectedEquals,
  expectedQuote,
  HELP_TEXT_ESCAPES,
  invalidEscape,
  invalidLabelName,
  invalidLabelValue,
  invalidMetricName,
  invalidMetricNameInComment,
  invalidSpecialLabelValue,
  invalidTimestamp,
  invalidValue,
  LABEL_VALUE_ESCAPES,
  missingFinalNewline,
  bracesWithoutName,
  HELP_TEXT_ESCAPES_1_11,
  invalidQuotedLabelName,
  invalidQuotedMetricName,
  multipleMetricNames,
  negativeBucketPopulation,
  negativeHistogramCount,
  QUOTED_NAME_ESCAPES,
  unexpectedAfterMetricName,
  unescapedNewlineInName,
  Rejection,
  reservedLabelName,
  textAfterTimestamp,
  unexpectedAfterLabelValue,
  unescapedNewline,
  unknownType,
} from './parseMessages';
import { NO_LABELS, ParsedLabel, ParsedSample, ParsedToken, QuotedLabel, QuotedSample, RejectedLine } from './parsedItems';
import { metricTypeNamed } from './typeNames';
import { DEFAULT_GATEWAY_TARGET, GatewayTarget } from '../protocol/gatewayTarget';
import { isLegacyLabelName, isLegacyMetricName } from '../protocol/nameEscaping';

// A line-by-line re-creation of the state machine of Go's expfmt.TextParser (prometheus/common), the
// parser behind Pushgateway 1.5.1 and promtool 2.42: same tokens, same errors, same line numbers.
// Unlike Go it does not stop at the first error: it records it and goes on at the next line, so an
// editor can show every broken line at once. The first problem is the one the gateway reports.
// With a 1.11 target it reads as the parser of Pushgateway 1.11.2 and promtool 3.5.3 does: quoted
// metric and label names (also a metric name inside the braces), names validated by the legacy or
// the UTF-8 rules, `\"` in HELP, `gaugehistogram`, negative histogram counts refused. Plain names
// still take the fast paths; only a quote or a brace at the start of a line takes the slow one.

export interface ParseOptions {
  /** The gateway whose parser to follow; DEFAULT_GATEWAY_TARGET when left out. */
  readonly target?: GatewayTarget;
}

/** What `current` holds once the cursor is past the last character. */
const EOF = -1;
/** From this many labels on, a sample's label names are looked up in a set rather than scanned. */
const MANY_LABELS = 16;

/** How many distinct problem messages the parser keeps to share with later lines. */
const KEPT_MESSAGES = 1024;

/** OpenMetrics comment keywords that the text format reads as plain comments. */
const OPENMETRICS_KEYWORDS = new Set(['EOF', 'UNIT']);

/** A family as the parser builds it. Every field is set from the start: one shape for all, no property store added later. */
class MutableFamily {
  help: HelpLine | undefined = undefined;
  type: TypeLine | undefined = undefined;
  /** The line of the family's HELP (TYPE) line, -1 while it has none: kept after the family is handed over, which help (type) is not. */
  helpLine = -1;
  typeLine = -1;
  /** Go's MetricFamily.Type: set by TYPE, or to untyped by the first sample. */
  goType: MetricType | undefined = undefined;
  /** The line of a TYPE line for this family that was refused (an unknown type). */
  refusedTypeLine: number | undefined = undefined;
  samples: Sample[] = [];
  lines: number[] = [];
  /** Another family had a line after this one's last line (see enterFamily). */
  left = false;

  constructor(readonly name: string) {}
}

/** Stops the current line: the parser then resumes at the next one. */
class LineRejected {
  constructor(readonly endOfInput: boolean) {}
}

// Thrown as they are, never made per line: a document of millions of bad lines throws millions of times.
const LINE_REJECTED = new LineRejected(false);
const INPUT_ENDED = new LineRejected(true);

/** Told of each family once another family's line follows its last one; see parseExpositionByFamily. */
type FamilyListener = (family: Family) => void;

class ExpositionParser {
  private text = '';
  /** `text` has an escaped byte somewhere (see decodeExposition): else no label value needs checking for one. */
  private textHasEscapedByte = false;
  /** Where `text` starts in the document: the parser may be given it in pieces of whole lines. */
  private textOffset = 0;
  private pos = -1;
  private current = EOF;
  private line = -1;
  private lineStart = 0;
  /** In the order they were met. */
  private readonly families: MutableFamily[] = [];
  /** What familyFor answered for each name: a family's own name answers that family. */
  private readonly familyOfName = new Map<string, MutableFamily>();
  /** Every sample, unless the families are handed to a listener (which then owns the samples). */
  private readonly samples: Sample[] = [];
  private sampleCount = 0;
  private ended = false;
  /** The family of the last line that belonged to one (Go's families can continue later; see enterFamily). */
  private lineFamily: MutableFamily | undefined;
  /** A family had lines again after another family's. */
  private familyReturned = false;
  private readonly problems: ParseProblem[] = [];
  private readonly keptMessages = new Map<string, string>();
  private readonly openMetricsKeywords: Token[] = [];
  // Names and values repeat from one sample line to the next: reusing the previous line's strings
  // saves most of the strings a large document would otherwise keep, and most of the scanning.
  /** A plain metric name met lately (on a sample line, or on a HELP or TYPE line the shortcut read) and its family: a cache, never an answer. */
  private previousName = '';
  private previousFamily: MutableFamily | undefined;
  private readonly previousLabelNames: string[] = [];
  private readonly previousLabelValues: string[] = [];
  /** The labels of the sample being read, copied to an array of the right size once complete. */
  private readonly labelScratch: ParsedLabel[] = [];
  /** The label names of a sample with many labels (see isSeenLabelName), and how many of them are in. */
  private seenLabelNames: Set<string> | undefined;
  private seenLabelCount = 0;
  /** The 1.11 parser (quoted names, gaugehistogram, ...) rather than the 1.5 one. */
  private readonly modern: boolean;
  private readonly utf8Names: boolean;
  /** Go's currentMF: the family of the last name read, on this line or an earlier one. */
  private currentFamily: MutableFamily | undefined;
  /** A metric name found inside the braces (1.11), with its family. */
  private bracedName: ParsedToken | undefined;
  private bracedFamily: MutableFamily | undefined;
  /** The last `le` value of the line's labels (Go's currentBucket), NaN when none. */
  private currentBucket = NaN;
  /** Whether the last name readModernName read was plain (no quote): set there, not returned, so a plain label allocates nothing. */
  private lastNameWasPlain = true;
  /** Some name so far was read through the quoted-name path: ParsedDocument.quotedNames. */
  private quotedNames = false;

  constructor(
    target: GatewayTarget,
    private readonly familyListener?: FamilyListener,
  ) {
    this.modern = target.version !== '1.5';
    this.utf8Names = this.modern && target.utf8Names;
  }

  /** Parses up to `maxLines` lines of `text` (the whole document); false once the end is reached. */
  step(text: string, maxLines: number): boolean {
    this.setText(text);
    try {
      for (let parsed = 0; parsed < maxLines && !this.ended; parsed++) {
        this.ended = !this.parseLine();
      }
    } finally {
      forgetLastMatch();
    }
    return !this.ended;
  }

  /**
   * Parses a piece of the document: whole lines, each ended by its new-line, or (`last`) the rest of
   * the document. Lines never span pieces, so nothing carries over but the parser's own state.
   */
  parsePiece(piece: string, last: boolean): void {
    this.textOffset += this.text.length;
    this.setText(piece);
    this.pos = -1;
    this.current = EOF;
    if (last) {
      this.step(piece, Infinity);
      if (this.lineFamily !== undefined) {
        this.leaveFamily(this.lineFamily);
        this.lineFamily = undefined;
      }
      return;
    }
    try {
      while (this.pos + 1 < piece.length) {
        this.parseLine();
      }
    } finally {
      forgetLastMatch();
    }
  }

  private setText(text: string): void {
    if (text !== this.text) {
      this.text = text;
      // One native scan of the text spares a scan of every label value.
      this.textHasEscapedByte = ESCAPED_BYTE.test(text);
    }
  }

  result(): ParsedDocument {
    return {
      families: this.families.map((family) => freezeFamily(family, this.modern)),
      samples: this.samples,
      problems: this.problems,
      openMetricsKeywords: this.openMetricsKeywords,
      lineCount: this.line + 1,
      quotedNames: this.quotedNames,
    };
  }

  /** The problems found since the last call, handed over (see parseExpositionByFamily). */
  takeProblems(): ParseProblem[] {
    return this.problems.splice(0);
  }

  /** What a document parsed family by family keeps: see ExpositionByFamily. */
  summary(): { lineCount: number; quotedNames: boolean; familyReturned: boolean; openMetricsKeywords: Token[] } {
    return { lineCount: this.line + 1, quotedNames: this.quotedNames, familyReturned: this.familyReturned, openMetricsKeywords: this.openMetricsKeywords };
  }

  /** One line, from startOfLine to its newline. Returns false at the end of the input. */
  private parseLine(): boolean {
    this.line++;
    this.lineStart = this.pos + 1;
    try {
      this.skipBlankTab();
      if (this.current === EOF) {
        return false; // The only place where the end of the input is not an error.
      }
      if (this.current === HASH) {
        if (!this.plainHelpOrTypeLine()) {
          this.comment();
        }
      } else if (this.current !== NEWLINE && !this.plainSampleLine()) {
        this.sampleLine();
      }
      return true;
    } catch (error) {
      if (!(error instanceof LineRejected)) {
        throw error;
      }
      if (error.endOfInput) {
        return false;
      }
      while (this.current !== NEWLINE && this.current !== EOF) {
        this.read();
      }
      return this.current !== EOF;
    }
  }

  // --- reading -------------------------------------------------------------------------------

  private read(): number {
    this.pos++;
    this.current = this.pos < this.text.length ? this.text.charCodeAt(this.pos) : EOF;
    return this.current;
  }

  /** Go's readByte() failing with io.EOF anywhere but at the start of a line. */
  private requireInput(): void {
    if (this.current === EOF) {
      this.endOfInput();
    }
  }

  private skipBlankTab(): void {
    do {
      this.read();
    } while (isBlankOrTab(this.current));
  }

  private skipBlankTabIfCurrentBlankTab(): void {
    if (isBlankOrTab(this.current)) {
      this.skipBlankTab();
    }
  }

  private readTokenUntilWhitespace(): Token {
    const start = this.pos;
    while (this.current !== EOF && !isBlankOrTab(this.current) && this.current !== NEWLINE) {
      this.read();
    }
    this.requireInput();
    return this.token(start, this.pos);
  }

  private readTokenAsMetricName(): Token {
    return this.readName(isMetricNameStart, isMetricNameContinuation);
  }

  /** A name token; empty when the current character cannot start one. */
  private readName(isStart: (code: number) => boolean, isContinuation: (code: number) => boolean): Token {
    const start = this.pos;
    if (isStart(this.current)) {
      do {
        this.read();
      } while (isContinuation(this.current));
      this.requireInput();
    }
    return this.token(start, this.pos);
  }

  /** The rest of the line; with escapes (HELP text) only `\\` and `\n` are allowed. */
  private readTokenUntilNewline(recognizeEscapes: boolean): { token: Token; value: string } {
    const start = this.pos;
    let value = '';
    for (;;) {
      value += this.plainRun(NEWLINE, recognizeEscapes);
      this.requireInput();
      if (this.current === NEWLINE) {
        return { token: this.token(start, this.pos), value };
      }
      // A backslash, and escapes are recognised.
      const escapeStart = this.pos;
      const escaped = this.read();
      this.requireInput();
      if (escaped === BACKSLASH) {
        value += '\\';
      } else if (escaped === 0x6e) {
        value += '\n';
      } else if (escaped === QUOTE && this.modern) {
        value += '"';
      } else {
        this.invalidEscape(escapeStart, this.modern ? HELP_TEXT_ESCAPES_1_11 : HELP_TEXT_ESCAPES);
      }
      this.read();
    }
  }

  /**
   * A quoted label value; `current` is the opening quote, left on the closing one. The value of the
   * label at the same place in the previous sample is reused when it is the same text.
   */
  private readLabelValue(index: number): string {
    const text = this.text;
    const quote = this.pos;
    const start = quote + 1;
    // The previous value here was checked, and had no quote, backslash or new-line: when it is
    // spelled here and a quote follows, it is this value.
    const previous = this.previousLabelValues[index];
    if (previous !== undefined && text.startsWith(previous, start) && text.charCodeAt(start + previous.length) === QUOTE) {
      this.moveTo(start + previous.length);
      return previous;
    }
    const end = this.endOfPlainRun(start, QUOTE, true);
    const plain = end < text.length && text.charCodeAt(end) === QUOTE;
    let value: string;
    if (plain) {
      value = text.slice(start, end);
      this.moveTo(end);
    } else {
      value = this.readEscapedLabelValue();
    }
    if (this.textHasEscapedByte && containsEscapedByte(value)) {
      this.reject(invalidLabelValue(value), this.span(quote, this.pos + 1));
    }
    if (plain) {
      this.previousLabelValues[index] = value;
    }
    return value;
  }

  /** A label value with escapes, or not closed on its line; `current` is the opening quote. */
  private readEscapedLabelValue(): string {
    const start = this.pos;
    let value = '';
    for (;;) {
      this.read();
      value += this.plainRun(QUOTE, true);
      this.requireInput();
      if (this.current === QUOTE) {
        return value;
      }
      if (this.current === NEWLINE) {
        this.reject(unescapedNewline(value), this.span(start, this.pos));
      }
      const escapeStart = this.pos;
      const escaped = this.read();
      this.requireInput();
      if (escaped === QUOTE || escaped === BACKSLASH) {
        value += String.fromCharCode(escaped);
      } else if (escaped === 0x6e) {
        value += '\n';
      } else {
        this.invalidEscape(escapeStart, LABEL_VALUE_ESCAPES);
      }
    }
  }

  /**
   * The characters from the current one up to (not including) a new-line, `stop`, or (when
   * `stopAtBackslash`) a backslash, taken as one slice; leaves the cursor on the character that
   * ended the run, or at the end of the input.
   */
  private plainRun(stop: number, stopAtBackslash: boolean): string {
    const end = this.endOfPlainRun(this.pos, stop, stopAtBackslash);
    if (end === this.pos) {
      return '';
    }
    const run = this.text.slice(this.pos, end);
    this.moveTo(end);
    return run;
  }

  /** Where the plain run from `start` ends (see plainRun). */
  private endOfPlainRun(start: number, stop: number, stopAtBackslash: boolean): number {
    const text = this.text;
    let end = start;
    while (end < text.length) {
      const code = text.charCodeAt(end);
      if (code === stop || code === NEWLINE || (stopAtBackslash && code === BACKSLASH)) {
        break;
      }
      end++;
    }
    return end;
  }

  /** Moves the cursor to `position`. */
  private moveTo(position: number): void {
    this.pos = position;
    this.current = position < this.text.length ? this.text.charCodeAt(position) : EOF;
  }

  /** Where the word at `start` ends: at the first blank, tab or new-line, or at the end of the input. */
  private endOfWord(start: number): number {
    const text = this.text;
    let end = start;
    while (end < text.length) {
      const code = text.charCodeAt(end);
      if (isBlankOrTab(code) || code === NEWLINE) {
        break;
      }
      end++;
    }
    return end;
  }

  /** A sample's metric name, or '' when the current character cannot start one; `previous` when it is the same name. */
  private readMetricNameReusing(previous: string): string {
    if (!isMetricNameStart(this.current)) {
      return '';
    }
    const name = this.metricNameAt(this.pos, previous);
    this.moveTo(this.pos + name.length);
    this.requireInput();
    return name;
  }

  /** The plain metric name that starts at `start` (a name's first character): `previous` when it is the same name, which spares the scan and the slice. */
  private metricNameAt(start: number, previous: string): string {
    const text = this.text;
    if (previous.length > 0 && text.startsWith(previous, start) && !isMetricNameContinuation(text.charCodeAt(start + previous.length))) {
      return previous;
    }
    let end = start + 1;
    while (end < text.length && isMetricNameContinuation(text.charCodeAt(end))) {
      end++;
    }
    return text.slice(start, end);
  }

  /** A label name, or '' when the current character cannot start one; `previous` when it is the same name. */
  private readLabelNameReusing(previous: string | undefined): string {
    const text = this.text;
    const start = this.pos;
    if (!isLabelNameStart(this.current)) {
      return '';
    }
    if (previous !== undefined && text.startsWith(previous, start) && !isLabelNameContinuation(text.charCodeAt(start + previous.length))) {
      this.moveTo(start + previous.length);
      this.requireInput();
      return previous;
    }
    let end = start + 1;
    while (end < text.length && isLabelNameContinuation(text.charCodeAt(end))) {
      end++;
    }
    this.moveTo(end);
    this.requireInput();
    return text.slice(start, end);
  }

  // --- the 1.11 parser's names ---------------------------------------------------------------------

  /**
   * Go 1.11's readTokenAsMetricName / readTokenAsLabelName: a name that may be quoted (then with
   * `\\`, `\n`, `\"` escapes and any character), unescaped; '' when the current character cannot
   * start one. An unquoted name stops at the first character that cannot continue it (a quote can),
   * a quoted one right after its closing quote.
   */
  private readModernName(metric: boolean): string {
    const isContinuation = metric ? isMetricNameContinuation : isLabelNameContinuation;
    this.lastNameWasPlain = true;
    if (this.current !== QUOTE && !(metric ? isMetricNameStart(this.current) : isLabelNameStart(this.current))) {
      return '';
    }
    const start = this.pos;
    if (this.current !== QUOTE) {
      // A plain name, with no quote after it, is one slice; the reading below is for quoted ones.
      const text = this.text;
      let end = start + 1;
      while (end < text.length && isContinuation(text.charCodeAt(end))) {
        end++;
      }
      if (end >= text.length || text.charCodeAt(end) !== QUOTE) {
        this.moveTo(end);
        this.requireInput();
        return text.slice(start, end);
      }
    }
    let name = '';
    let quoted = false;
    for (;;) {
      const code = this.current;
      if (code === QUOTE) {
        this.lastNameWasPlain = false;
        this.quotedNames = true;
        quoted = !quoted;
        if (!quoted) {
          this.read();
          this.requireInput();
          return name;
        }
      } else if (code === NEWLINE) {
        this.reject(unescapedNewlineInName(metric ? 'metric' : 'label', name), this.span(start, this.pos));
      } else if (code === BACKSLASH) {
        const escapeStart = this.pos;
        const escaped = this.read();
        this.requireInput();
        if (escaped === BACKSLASH) {
          name += '\\';
        } else if (escaped === 0x6e) {
          name += '\n';
        } else if (escaped === QUOTE) {
          name += '"';
        } else {
          this.invalidEscape(escapeStart, QUOTED_NAME_ESCAPES);
        }
      } else {
        name += String.fromCharCode(code);
      }
      this.read();
      this.requireInput();
      if (!quoted && !(this.current === QUOTE || isContinuation(this.current))) {
        return name;
      }
    }
  }

  /** A HELP/TYPE line's metric name with a 1.11 target, as a token: unescaped text, written span. */
  private readModernNameToken(metric: boolean): Token {
    const start = this.pos;
    const name = this.readModernName(metric);
    return new ParsedToken(name, this.line, start - this.lineStart, this.pos - this.lineStart);
  }

  /**
   * A label name with a 1.11 target: the fast path for a plain one, Go's reader for anything with a
   * quote. lastNameWasPlain tells which.
   */
  private readModernLabelName(previous: string | undefined): string {
    const start = this.pos;
    if (this.current !== QUOTE) {
      const name = this.readLabelNameReusing(previous);
      if (this.current !== QUOTE || name.length === 0) {
        this.lastNameWasPlain = true;
        return name;
      }
      this.moveTo(start);
    }
    return this.readModernName(false);
  }

  /** Go's setOrCreateCurrentMF check: the legacy rules, or any non-empty UTF-8 with UTF-8 names. */
  private validateMetricName(name: string, span: Span): void {
    const valid = this.utf8Names ? name.length > 0 && !containsEscapedByte(name) : isLegacyMetricName(name);
    if (!valid) {
      this.reject(invalidQuotedMetricName(name, this.utf8Names), span);
    }
  }

  private isValidLabelName(name: string): boolean {
    return this.utf8Names ? name.length > 0 && !containsEscapedByte(name) : isLegacyLabelName(name);
  }

  /** The label Go leaves out of a sample's labels for this family: `le` of a histogram, `quantile` of a summary. */
  private specialLabelOf(family: MutableFamily | undefined): string | undefined {
    const type = family?.goType;
    if (this.isHistogram(type)) {
      return 'le';
    }
    return type === 'summary' ? 'quantile' : undefined;
  }

  /** A histogram for this target's parser: 1.11 reads a gauge histogram as one; 1.5 keeps a gauge histogram's lines apart. */
  private isHistogram(type: MetricType | undefined): boolean {
    return type === 'histogram' || (this.modern && type === 'gauge_histogram');
  }

  /** 1.11 refuses a negative `_count` or bucket of a (gauge) histogram; a negative `_sum` is fine. */
  private rejectNegativeHistogramCount(name: string, family: MutableFamily, value: Token): void {
    const suffix = name === family.name ? '' : name.slice(family.name.length);
    if (suffix === '_count') {
      this.reject(negativeHistogramCount(family.name), value.span);
    }
    if (suffix !== '_sum' && !Number.isNaN(this.currentBucket)) {
      this.reject(negativeBucketPopulation(family.name), value.span);
    }
  }

  // --- states ----------------------------------------------------------------------------------

  private comment(): void {
    this.skipBlankTab();
    this.requireInput();
    if (this.current === NEWLINE) {
      return;
    }
    const keywordStart = this.pos;
    this.moveTo(this.endOfWord(keywordStart));
    this.requireInput();
    const keyword = this.keywordAt(keywordStart);
    if (keyword === undefined && this.isOpenMetricsKeyword(keywordStart)) {
      this.openMetricsKeywords.push(this.token(keywordStart, this.pos));
    }
    if (this.current === NEWLINE) {
      return;
    }
    if (keyword === undefined) {
      while (this.current !== NEWLINE) {
        this.read();
        this.requireInput();
      }
      return;
    }
    this.skipBlankTab();
    this.requireInput();
    const nameStart = this.pos;
    const name = this.modern ? this.readModernNameToken(true) : this.readTokenAsMetricName();
    if (this.current === NEWLINE) {
      return;
    }
    if (!isBlankOrTab(this.current)) {
      this.reject(invalidMetricNameInComment(keyword), this.wordSpan(nameStart));
    }
    // A plain name is made of the legacy name characters: only a quoted one needs checking.
    if (this.modern && (!this.lastNameWasPlain || name.text.length === 0)) {
      this.validateMetricName(name.text, name.span);
    }
    const family = this.familyFor(name.text);
    this.currentFamily = family;
    this.enterFamily(family);
    this.skipBlankTab();
    this.requireInput();
    if (this.current === NEWLINE) {
      return;
    }
    if (keyword === 'HELP') {
      this.helpText(family, name);
    } else {
      this.typeText(family, name);
    }
  }

  /**
   * A HELP or TYPE line of the commonest shape (PLAIN_HELP_OR_TYPE_LINE) that Go accepts, read with
   * native scans rather than a character at a time. Anything else answers false having changed
   * nothing that comment, which then reads the line, would not (the family of its name is the one
   * comment finds). `current` is the hash.
   */
  private plainHelpOrTypeLine(): boolean {
    const text = this.text;
    const hash = this.pos;
    PLAIN_HELP_OR_TYPE_LINE.lastIndex = hash;
    if (!PLAIN_HELP_OR_TYPE_LINE.test(text)) {
      return false;
    }
    const newline = PLAIN_HELP_OR_TYPE_LINE.lastIndex - 1;
    const help = text.startsWith('HELP', hash + 2);
    const nameStart = hash + '# HELP '.length;
    const name = this.metricNameAt(nameStart, this.previousName);
    const nameEnd = nameStart + name.length;
    const family = this.familyFor(name);
    const rest = text.slice(nameEnd + 1, newline);
    const type = help ? undefined : metricTypeNamed(rest, this.modern);
    if (help ? family.helpLine >= 0 : family.goType !== undefined || type === undefined) {
      return false;
    }
    const lineStart = this.lineStart;
    const nameToken = new ParsedToken(name, this.line, nameStart - lineStart, nameEnd - lineStart);
    const restToken = new ParsedToken(rest, this.line, nameEnd + 1 - lineStart, newline - lineStart);
    this.previousName = name;
    this.previousFamily = family;
    this.currentFamily = family;
    this.enterFamily(family);
    if (type === undefined) {
      family.help = { text: rest, name: nameToken, line: this.line, textSpan: restToken };
      family.helpLine = this.line;
    } else {
      family.goType = type;
      family.type = { type, name: nameToken, line: this.line, typeToken: restToken };
      family.typeLine = this.line;
    }
    this.moveTo(newline);
    return true;
  }

  /** The comment keyword from `start` to the cursor, when it is HELP or TYPE: compared in place, as most comments are one of them. */
  private keywordAt(start: number): 'HELP' | 'TYPE' | undefined {
    if (this.pos - start !== 4) {
      return undefined;
    }
    return this.text.startsWith('HELP', start) ? 'HELP' : this.text.startsWith('TYPE', start) ? 'TYPE' : undefined;
  }

  private isOpenMetricsKeyword(start: number): boolean {
    const length = this.pos - start;
    return (length === 3 || length === 4) && OPENMETRICS_KEYWORDS.has(this.text.slice(start, this.pos));
  }

  private helpText(family: MutableFamily, name: Token): void {
    if (family.helpLine >= 0) {
      this.reject(duplicateHelp(family.name, family.helpLine), name.span);
    }
    const { token, value } = this.readTokenUntilNewline(true);
    family.help = { text: value, name, line: this.line, textSpan: token.span };
    family.helpLine = this.line;
  }

  private typeText(family: MutableFamily, name: Token): void {
    if (family.goType) {
      this.reject(duplicateType(family.name, family.typeLine >= 0 ? family.typeLine : undefined), name.span);
    }
    const { token } = this.readTokenUntilNewline(false);
    const type = metricTypeNamed(token.text, this.modern);
    if (!type) {
      family.refusedTypeLine = this.line;
      this.reject(unknownType(token.text, this.modern), token.span);
    }
    family.goType = type;
    family.type = { type, name, line: this.line, typeToken: token };
    family.typeLine = this.line;
  }

  /**
   * A sample line of the commonest shape (PLAIN_SAMPLE_LINE: plain names, plain label values, a value
   * and no timestamp) that Go accepts, read with native scans rather than a character at a time: in a
   * cold process most lines are read before the JIT has optimised the general reader. Anything else
   * answers false having changed nothing that sampleLine, which then reads the line, would not (the
   * family of its name is the one sampleLine finds; the previous line's strings are only a cache).
   */
  private plainSampleLine(): boolean {
    const text = this.text;
    const nameStart = this.pos;
    PLAIN_SAMPLE_LINE.lastIndex = nameStart;
    if (this.textHasEscapedByte || !PLAIN_SAMPLE_LINE.test(text)) {
      return false;
    }
    const newline = PLAIN_SAMPLE_LINE.lastIndex - 1;
    const name = this.metricNameAt(nameStart, this.previousName);
    const family = this.familyFor(name);
    // Go leaves `le` out of a histogram's labels and `quantile` out of a summary's: its value must be a number, and it may repeat.
    const specialLabel = this.specialLabelOf(family);
    const lineStart = this.lineStart;
    const labels = this.labelScratch;
    let count = 0;
    let cursor = nameStart + name.length;
    if (text.charCodeAt(cursor) === OPEN_BRACE) {
      this.seenLabelNames = undefined;
      do {
        const labelStart = cursor + 1;
        const labelName = this.plainLabelTextAt(this.previousLabelNames, count, labelStart, '=');
        const special = labelName === specialLabel;
        if (labelName === '__name__' || (!special && this.isSeenLabelName(labels, count, labelName))) {
          return false;
        }
        const quote = labelStart + labelName.length + 1;
        const value = this.plainLabelTextAt(this.previousLabelValues, count, quote + 1, '"');
        const closingQuote = quote + 1 + value.length;
        if (special && parseGoFloat(value) === undefined) {
          return false;
        }
        labels[count++] = new ParsedLabel(labelName, this.line, labelStart - lineStart, value, quote - lineStart, closingQuote + 1 - lineStart);
        cursor = closingQuote + 1;
      } while (text.charCodeAt(cursor) === COMMA);
      cursor++; // the closing brace
    }
    const valueStart = cursor + 1;
    const valueText = text.slice(valueStart, newline);
    const numericValue = parseGoFloat(valueText);
    // With 1.11 a negative count of a (gauge) histogram may be refused (rejectNegativeHistogramCount).
    if (numericValue === undefined || (this.modern && numericValue < 0 && this.isHistogram(family.goType))) {
      return false;
    }
    this.currentBucket = NaN;
    this.previousName = name;
    this.previousFamily = family;
    this.currentFamily = family;
    family.goType ??= 'untyped';
    this.enterFamily(family);
    this.moveTo(newline);
    this.addSample(
      new ParsedSample(name, this.line, nameStart - lineStart, family.name, count === 0 ? NO_LABELS : labels.slice(0, count), valueText, valueStart - lineStart, numericValue, undefined),
      family,
    );
    return true;
  }

  /**
   * The plain label name (up to its `=`) or value (up to its closing quote) at `start`, PLAIN_SAMPLE_LINE
   * having matched: the `index`-th of the previous sample's (`previous`) when it is the same.
   */
  private plainLabelTextAt(previous: string[], index: number, start: number, stop: '=' | '"'): string {
    const text = this.text;
    const before = previous[index];
    if (before !== undefined && text.charCodeAt(start + before.length) === stop.charCodeAt(0) && text.startsWith(before, start)) {
      return before;
    }
    return (previous[index] = text.slice(start, text.indexOf(stop, start)));
  }

  private sampleLine(): void {
    this.currentBucket = NaN;
    if (this.modern && (this.current === OPEN_BRACE || this.current === QUOTE)) {
      this.modernSampleLine();
      return;
    }
    const nameStart = this.pos;
    const name = this.readMetricNameReusing(this.previousName);
    if (this.modern && this.current === QUOTE) {
      // `a"b" 1`: Go's 1.11 reader goes on through a quote even after a plain start.
      this.moveTo(nameStart);
      this.modernSampleLine();
      return;
    }
    if (name.length === 0) {
      this.rejectInvalidMetricName();
    }
    const family = this.familyFor(name);
    this.previousName = name;
    this.previousFamily = family;
    this.currentFamily = family;
    family.goType ??= 'untyped';
    this.enterFamily(family);
    this.skipBlankTabIfCurrentBlankTab();
    this.requireInput();
    const labels = this.current === OPEN_BRACE ? this.labelSet(family, false) : NO_LABELS;
    this.finishSample(name, nameStart, undefined, family, labels);
  }

  /**
   * A 1.11 sample line whose name is quoted, or inside the braces (`{"name", x="y"}`, `{x} 1`), or
   * follows a quote; `current` is its first character.
   */
  private modernSampleLine(): void {
    if (this.current === OPEN_BRACE) {
      this.bracedName = undefined;
      this.bracedFamily = undefined;
      const labels = this.labelSet(this.currentFamily, true);
      const name = this.bracedName as ParsedToken | undefined;
      const family = this.bracedFamily as MutableFamily | undefined;
      if (name === undefined || family === undefined) {
        throw new Error('labelSet returned without a metric name');
      }
      this.finishSample(name.text, name.start + this.lineStart, name.end + this.lineStart, family, labels);
      return;
    }
    const nameStart = this.pos;
    const name = this.readModernName(true);
    const nameEnd = this.pos;
    if (name.length === 0) {
      this.moveTo(nameStart);
      this.rejectInvalidMetricName();
    }
    this.validateMetricName(name, this.span(nameStart, nameEnd));
    const family = this.familyFor(name);
    this.currentFamily = family;
    family.goType ??= 'untyped';
    this.enterFamily(family);
    this.skipBlankTabIfCurrentBlankTab();
    this.requireInput();
    const labels = this.current === OPEN_BRACE ? this.labelSet(family, false) : NO_LABELS;
    this.finishSample(name, nameStart, nameEnd, family, labels);
  }

  /**
   * The value and timestamp of a sample line, then the sample. `nameEnd` is where a name that is
   * not spelled as the plain `name` ends (a quoted one), undefined for a plain one.
   */
  private finishSample(name: string, nameStart: number, nameEnd: number | undefined, family: MutableFamily, labels: LabelPair[] | readonly LabelPair[]): void {
    const valueStart = this.pos;
    this.moveTo(this.endOfWord(valueStart));
    this.requireInput();
    const valueText = this.text.slice(valueStart, this.pos);
    const numericValue = parseGoFloat(valueText);
    if (numericValue === undefined) {
      this.rejectInvalidValue(this.token(valueStart, this.pos));
    }
    if (this.modern && numericValue < 0 && this.isHistogram(family.goType)) {
      this.rejectNegativeHistogramCount(name, family, this.token(valueStart, this.pos));
    }
    let timestamp: Token | undefined;
    if (this.current !== NEWLINE) {
      timestamp = this.timestamp();
    }
    const lineStart = this.lineStart;
    const sample =
      nameEnd === undefined
        ? new ParsedSample(name, this.line, nameStart - lineStart, family.name, labels, valueText, valueStart - lineStart, numericValue, timestamp)
        : new QuotedSample(name, this.line, nameStart - lineStart, nameEnd - lineStart, family.name, labels, valueText, valueStart - lineStart, numericValue, timestamp);
    this.addSample(sample, family);
  }

  private addSample(sample: ParsedSample, family: MutableFamily): void {
    family.samples.push(sample);
    this.sampleCount++;
    if (this.familyListener === undefined) {
      this.samples.push(sample);
    }
  }

  /**
   * The labels between braces; `current` is the opening brace. `family` is Go's currentMF (with a
   * 1.11 target, the family of an earlier line or none while the name inside the braces is unread).
   * `insideBraces`: the line starts with the brace, so the metric name is one of the items (1.11);
   * it is left in bracedName/bracedFamily.
   */
  private labelSet(family: MutableFamily | undefined, insideBraces: boolean): LabelPair[] {
    // Go leaves `le` out of a histogram's labels and `quantile` out of a summary's, so a repeated
    // `le`/`quantile` there is not a duplicate label.
    let specialLabel = this.specialLabelOf(family);
    const labels = this.labelScratch;
    let count = 0; // labels in use: truncating the array each time costs more than the labels themselves
    let namePresent = false;
    this.seenLabelNames = undefined;
    for (;;) {
      this.skipBlankTab();
      this.requireInput();
      if (this.current === CLOSE_BRACE) {
        if (insideBraces && !namePresent) {
          this.reject(bracesWithoutName(this.sampleCount > 0), this.span(this.lineStart, this.pos + 1));
        }
        this.skipBlankTab();
        this.requireInput();
        return labels.slice(0, count);
      }
      const index = count;
      const nameStart = this.pos;
      let labelName: string;
      let plainName = true;
      if (this.modern) {
        labelName = this.readModernLabelName(this.previousLabelNames[index]);
        plainName = this.lastNameWasPlain;
      } else {
        labelName = this.readLabelNameReusing(this.previousLabelNames[index]);
      }
      if (labelName.length === 0) {
        this.reject(invalidLabelName(family?.name ?? ''), plainName ? this.labelNameSpan() : this.span(nameStart, this.pos));
      }
      if (plainName) {
        this.previousLabelNames[index] = labelName;
      }
      const nameEnd = this.pos;
      if (labelName === '__name__' && !this.modern) {
        this.reject(reservedLabelName(), this.span(nameStart, nameEnd));
      }
      this.skipBlankTabIfCurrentBlankTab();
      this.requireInput();
      if (this.current !== EQUALS) {
        if (insideBraces) {
          if (namePresent) {
            this.reject(multipleMetricNames(family?.name ?? ''), this.span(nameStart, nameEnd));
          }
          const afterName = this.codeAtCursor();
          if (afterName === COMMA || afterName === CLOSE_BRACE) {
            const nameSpan = this.span(nameStart, nameEnd);
            this.validateMetricName(labelName, nameSpan);
            family = this.familyFor(labelName);
            this.currentFamily = family;
            family.goType ??= 'untyped';
            this.enterFamily(family);
            specialLabel = this.specialLabelOf(family);
            namePresent = true;
            this.bracedName = new ParsedToken(labelName, this.line, nameSpan.start, nameSpan.end);
            this.bracedFamily = family;
            if (afterName === CLOSE_BRACE) {
              this.skipBlankTab();
              this.requireInput();
              return labels.slice(0, count);
            }
            continue;
          }
          this.reject(unexpectedAfterMetricName(this.codePoint()), this.charSpan());
        }
        this.reject(expectedEquals(this.codePoint(), labelName), this.charSpan());
      }
      if (this.modern) {
        if (labelName === '__name__') {
          this.reject(reservedLabelName(), this.span(nameStart, nameEnd));
        }
        if (!plainName && !this.isValidLabelName(labelName)) {
          this.reject(invalidQuotedLabelName(labelName, this.utf8Names), this.span(nameStart, nameEnd));
        }
      }
      const counted = labelName !== specialLabel;
      if (counted && this.isSeenLabelName(labels, count, labelName)) {
        this.reject(duplicateLabelName(family?.name ?? '', labelName), this.span(nameStart, nameEnd));
      }
      this.skipBlankTab();
      this.requireInput();
      if (this.codeAtCursor() !== QUOTE) {
        this.reject(expectedQuote(this.codePoint(), labelName), this.charSpan());
      }
      const valueStart = this.pos;
      const value = this.readLabelValue(index);
      const valueEnd = this.pos + 1; // after the closing quote
      if (labelName === specialLabel) {
        const special = parseGoFloat(value);
        if (special === undefined) {
          this.reject(invalidSpecialLabelValue(labelName, value), this.span(valueStart, valueEnd));
        }
        this.currentBucket = special;
      }
      const lineStart = this.lineStart;
      labels[count++] = plainName
        ? new ParsedLabel(labelName, this.line, nameStart - lineStart, value, valueStart - lineStart, valueEnd - lineStart)
        : new QuotedLabel(labelName, this.line, nameStart - lineStart, nameEnd - lineStart, value, valueStart - lineStart, valueEnd - lineStart);
      this.skipBlankTab();
      this.requireInput();
      const afterValue = this.codeAtCursor();
      if (afterValue === COMMA) {
        continue;
      }
      if (afterValue === CLOSE_BRACE) {
        if (insideBraces && !namePresent) {
          // Go: no family yet → `invalid metric name`; with one from an earlier line it crashes.
          this.reject(family === undefined ? invalidMetricName() : bracesWithoutName(this.sampleCount > 0), this.span(this.lineStart, this.pos + 1));
        }
        this.skipBlankTab();
        this.requireInput();
        return labels.slice(0, count);
      }
      this.reject(unexpectedAfterLabelValue(value, labelName), this.charSpan());
    }
  }

  /**
   * Whether an earlier label of this sample has this name. A scan is cheapest for the few labels a
   * sample usually has; a set takes over for long label lists, so that stays linear.
   */
  private isSeenLabelName(labels: readonly ParsedLabel[], count: number, name: string): boolean {
    if (count < MANY_LABELS) {
      for (let i = 0; i < count; i++) {
        if (labels[i].text === name) {
          return true;
        }
      }
      return false;
    }
    if (this.seenLabelNames === undefined) {
      this.seenLabelNames = new Set();
      this.seenLabelCount = 0;
    }
    for (; this.seenLabelCount < count; this.seenLabelCount++) {
      this.seenLabelNames.add(labels[this.seenLabelCount].text);
    }
    return this.seenLabelNames.has(name);
  }

  private timestamp(): Token {
    this.skipBlankTab();
    this.requireInput();
    const timestamp = this.readTokenUntilWhitespace();
    if (parseGoInt64(timestamp.text) === undefined) {
      this.rejectInvalidTimestamp(timestamp);
    }
    const { token: rest } = this.readTokenUntilNewline(false);
    if (rest.text.length > 0) {
      this.reject(textAfterTimestamp(rest.text), rest.span);
    }
    return timestamp;
  }

  // --- families ----------------------------------------------------------------------------------

  /**
   * The family a name belongs to, created if new. `x_count`/`x_sum` (and `x_bucket`) join an earlier
   * summary (histogram) `x`, exactly as Go's setOrCreateCurrentMF decides.
   */
  private familyFor(name: string): MutableFamily {
    // The answer for a name never changes once given: families are never removed, and the type
    // that lets `x_count` join `x` is set once, so it is kept for the name's next lines. The name of
    // the line before, the commonest, needs no look-up.
    if (name === this.previousName && this.previousFamily !== undefined) {
      return this.previousFamily;
    }
    return this.familyOfName.get(name) ?? this.familyOfNewName(name);
  }

  private familyOfNewName(name: string): MutableFamily {
    const family = this.familyJoinedBy(name) ?? this.newFamily(name);
    // A new family's name is already a string of its own (see newFamily).
    this.familyOfName.set(this.familyListener === undefined ? name : family.name === name ? family.name : detachedText(name), family);
    return family;
  }

  /** The summary or histogram that a name new to the document joins as its `_count`, `_sum` or `_bucket`. */
  private familyJoinedBy(name: string): MutableFamily | undefined {
    const bucket = name.endsWith('_bucket');
    const baseName = bucket ? name.slice(0, -'_bucket'.length) : summaryName(name);
    const family = baseName === name ? undefined : this.familyNamed(baseName);
    if (family === undefined) {
      return undefined;
    }
    return this.isHistogram(family.goType) || (!bucket && family.goType === 'summary') ? family : undefined;
  }

  /** The family of that very name (not one the name joined), if there is one. */
  private familyNamed(name: string): MutableFamily | undefined {
    const family = this.familyOfName.get(name);
    return family !== undefined && family.name === name ? family : undefined;
  }

  private newFamily(name: string): MutableFamily {
    const family = new MutableFamily(this.familyListener === undefined ? name : detachedText(name));
    this.families.push(family);
    return family;
  }

  /**
   * Records that the current line belongs to `family`. A family whose lines are interrupted by
   * another's is complete unless it comes again later (Go merges such lines into the family): a
   * listener gets it at that point.
   */
  private enterFamily(family: MutableFamily): void {
    if (family !== this.lineFamily) {
      if (this.lineFamily !== undefined) {
        this.leaveFamily(this.lineFamily);
      }
      if (family.left) {
        this.familyReturned = true;
        if (this.familyListener !== undefined) {
          // Handed over before: this stretch of its lines is handed over on its own.
          family.samples = [];
          family.lines = [];
        }
      }
      this.lineFamily = family;
    }
    family.lines.push(this.line);
  }

  private leaveFamily(family: MutableFamily): void {
    family.left = true;
    if (this.familyListener !== undefined) {
      // The listener owns them now, and copies what it keeps beyond the piece (see detachedText).
      // The parser keeps what later lines are checked against: goType, helpLine and typeLine.
      this.familyListener(freezeFamily(family, this.modern));
      family.help = undefined;
      family.type = undefined;
      family.samples = HANDED_OVER;
      family.lines = HANDED_OVER_LINES;
    }
  }

  // --- problems ----------------------------------------------------------------------------------

  private reject({ code, goMessage, message, dropsConnection }: Rejection, span: Span): never {
    this.problems.push(new RejectedLine(code, this.sharedMessage(message), goMessage, this.line, span, dropsConnection));
    throw LINE_REJECTED;
  }

  /** `message`, or the same text kept from an earlier line: bad lines tend to repeat their message. */
  private sharedMessage(message: string): string {
    const kept = this.keptMessages.get(message);
    if (kept !== undefined) {
      return kept;
    }
    if (this.keptMessages.size < KEPT_MESSAGES) {
      this.keptMessages.set(message, message);
    }
    return message;
  }

  private endOfInput(): never {
    const lineText = this.text.slice(this.lineStart);
    const firstNonBlank = lineText.length - lineText.trimStart().length;
    const { code, goMessage, message } = missingFinalNewline();
    this.problems.push(new RejectedLine(code, message, goMessage, this.line, { line: this.line, start: Math.min(firstNonBlank, lineText.length), end: lineText.length }, undefined));
    throw INPUT_ENDED;
  }

  private invalidEscape(escapeStart: number, rule: string): never {
    return this.reject(invalidEscape(this.codePoint(), rule), this.span(escapeStart, this.current === NEWLINE ? this.pos : this.pos + 1));
  }

  private rejectInvalidMetricName(): never {
    const lineText = this.currentLineText();
    if (this.textOffset + this.pos === 0 && this.current === BYTE_ORDER_MARK) {
      this.reject(byteOrderMarkAsMetricName(), this.span(this.pos, this.pos + 1));
    }
    if (this.current === CARRIAGE_RETURN && lineText.trim() === '') {
      this.reject(carriageReturnLine(), this.charSpan());
    }
    return this.reject(invalidMetricName(), this.wordSpan(this.pos));
  }

  /** A missing value is underlined where it should be. */
  private rejectInvalidValue(value: Token): never {
    return this.reject(invalidValue(value.text), value.text.length > 0 ? value.span : this.span(this.pos, this.pos));
  }

  private rejectInvalidTimestamp(timestamp: Token): never {
    return this.reject(invalidTimestamp(timestamp.text), timestamp.text.length > 0 ? timestamp.span : this.span(this.pos, this.pos));
  }

  // --- spans -------------------------------------------------------------------------------------

  private token(start: number, end: number): Token {
    return new ParsedToken(this.text.slice(start, end), this.line, start - this.lineStart, end - this.lineStart);
  }

  private span(start: number, end: number): Span {
    return { line: this.line, start: start - this.lineStart, end: end - this.lineStart };
  }

  /** The character at the current position, or an empty span at the end of the line. */
  private charSpan(): Span {
    const end = this.current === NEWLINE || this.current === EOF ? this.pos : this.pos + 1;
    return this.span(this.pos, end);
  }

  /** From `start` to the next blank, brace or end of line, so the whole bad word is underlined. */
  private wordSpan(start: number): Span {
    let end = start;
    while (end < this.text.length) {
      const code = this.text.charCodeAt(end);
      if (code === NEWLINE || isBlankOrTab(code) || (end > start && code === OPEN_BRACE)) {
        break;
      }
      end++;
    }
    return this.span(start, Math.max(end, Math.min(start + 1, this.lineEnd())));
  }

  private labelNameSpan(): Span {
    let end = this.pos;
    while (end < this.text.length && !'=,}" \t\n'.includes(this.text[end])) {
      end++;
    }
    return this.span(this.pos, Math.max(end, Math.min(this.pos + 1, this.lineEnd())));
  }

  private lineEnd(): number {
    const newline = this.text.indexOf('\n', this.lineStart);
    return newline < 0 ? this.text.length : newline;
  }

  private currentLineText(): string {
    return this.text.slice(this.lineStart, this.lineEnd());
  }

  /** `current`, read through a call so that TypeScript does not keep a narrowing from before a read(). */
  private codeAtCursor(): number {
    return this.current;
  }

  private codePoint(): number {
    return this.text.codePointAt(this.pos) ?? 0;
  }
}

const PLAIN_LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="[^"\\\\\\n]*"';
/**
 * A sample line that plainSampleLine may read, from its name to its new-line: a plain metric name,
 * optionally one or more plain labels (no blank, no trailing comma, no escape in a value) between
 * braces, one space and a value that is one word.
 */
const PLAIN_SAMPLE_LINE = new RegExp(`[a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{${PLAIN_LABEL}(?:,${PLAIN_LABEL})*\\})? [^ \\t\\n]+\\n`, 'y');

/**
 * A HELP or TYPE line that plainHelpOrTypeLine may read: one blank after the hash and after the
 * keyword, a plain metric name, one blank, and a text that neither starts with a blank nor has a
 * backslash (an escape) in it.
 */
const PLAIN_HELP_OR_TYPE_LINE = /# (?:HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* [^ \t\\\n][^\\\n]*\n/y;

const EMPTY_MATCH = /^/;

/**
 * Lets go of the text the parser's expressions last matched: RegExp keeps the last string any
 * expression matched (`RegExp.input`), which would keep a whole document, however large, until the
 * next match anywhere.
 */
function forgetLastMatch(): void {
  EMPTY_MATCH.test('');
}

/** A byte of invalid UTF-8 as decodeExposition leaves it (isEscapedByte). */
const ESCAPED_BYTE = /[\udc80-\udcff]/;

function containsEscapedByte(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (isEscapedByte(text.charCodeAt(i))) {
      return true;
    }
  }
  return false;
}

function summaryName(name: string): string {
  if (name.endsWith('_count')) {
    return name.slice(0, -'_count'.length);
  }
  if (name.endsWith('_sum')) {
    return name.slice(0, -'_sum'.length);
  }
  return name;
}

/** The samples and lines of a family handed over: never added to (enterFamily gives a family that comes back arrays of its own). */
const HANDED_OVER: Sample[] = [];
const HANDED_OVER_LINES: number[] = [];

function freezeFamily(family: MutableFamily, modern: boolean): Family {
  const frozen: Family = {
    name: family.name,
    help: family.help,
    type: family.type,
    refusedTypeLine: family.refusedTypeLine,
    effectiveType: family.goType ?? 'untyped',
    samples: family.samples,
    lines: family.lines,
    // Present from the start, so that filling it in does not change the object's shape.
    memo: undefined,
  };
  return modern && family.goType === 'gauge_histogram' ? { ...frozen, gaugeHistogramAsHistogram: true } : frozen;
}

/** Parses a whole document as the target's gateway does. Never throws; every rejected line is in `problems`. */
export function parseExposition(text: string, options: ParseOptions = {}): ParsedDocument {
  const parser = new ExpositionParser(options.target ?? DEFAULT_GATEWAY_TARGET);
  parser.step(text, Infinity);
  return parser.result();
}

/** A parse that goes on a slice of lines at a time: see parseExpositionInSteps. */
export interface SteppedParse {
  /** Parses up to `maxLines` more lines; false once the whole document is parsed. */
  step(maxLines: number): boolean;
  /** The document, as parseExposition gives it, once step has answered false. */
  result(): ParsedDocument;
}

/**
 * parseExposition in slices of lines, so that a caller can yield to the event loop between them.
 * The result is the same as parseExposition's.
 */
export function parseExpositionInSteps(text: string, options: ParseOptions = {}): SteppedParse {
  const parser = new ExpositionParser(options.target ?? DEFAULT_GATEWAY_TARGET);
  let more = true;
  return {
    step: (maxLines) => (more = more && parser.step(text, maxLines)),
    result: () => {
      if (more) {
        throw new Error('parseExpositionInSteps: result() before the last step');
      }
      return parser.result();
    },
  };
}

/** A document parsed a piece at a time, each family handed over once complete: see parseExpositionByFamily. */
export interface ExpositionByFamily {
  /** Parses whole lines, each ended by its new-line. */
  write(lines: string): void;
  /** Parses the rest of the document (empty, or a last line without new-line); the last family is handed over. */
  end(rest: string): void;
  /** The problems found since the last call, in document order. */
  takeProblems(): ParseProblem[];
  /** What is known of the whole document: as far as parsed, or all of it after end(). */
  summary(): { lineCount: number; quotedNames: boolean; familyReturned: boolean; openMetricsKeywords: Token[] };
}

/**
 * The parser of parseExposition for a document that is never one string: `onFamily` gets each
 * family, samples and lines included, as soon as another family's line follows it, and the parser
 * keeps no sample. A family that comes back later (`familyReturned`) is then handed over once per
 * stretch of its lines: a caller that needs the family whole parses the whole document instead.
 */
export function parseExpositionByFamily(options: ParseOptions, onFamily: (family: Family) => void): ExpositionByFamily {
  const parser = new ExpositionParser(options.target ?? DEFAULT_GATEWAY_TARGET, onFamily);
  return {
    write: (lines) => parser.parsePiece(lines, false),
    end: (rest) => parser.parsePiece(rest, true),
    takeProblems: () => parser.takeProblems(),
    summary: () => parser.summary(),
  };
}
