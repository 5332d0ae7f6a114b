import { ParseProblemCode } from './codes';
import { LabelPair, ParseProblem, Sample, Span, Token } from './model';

// The parser's results as classes: a token, label or sample that is its own span keeps a large
// document's object count (and garbage collection) down. Elsewhere they are read through the plain
// interfaces of model.ts.

/**
 * A token that is its own span: one object per token instead of two, which matters when a document
 * has hundreds of thousands of them.
 */
export class ParsedToken implements Token, Span {
  constructor(
    readonly text: string,
    readonly line: number,
    readonly start: number,
    readonly end: number,
  ) {}

  get span(): Span {
    return this;
  }
}

/**
 * A parsed label or sample that is also its name token and that name's span (as ParsedToken is its
 * own span). One object per label or sample instead of three or four matters when a document has
 * hundreds of thousands of them: most of the time would otherwise go to the garbage collector.
 */
abstract class ParsedNamedItem implements Token, Span {
  constructor(
    /** The name as written; a quoted one (1.11) unescaped, without its quotes. */
    readonly text: string,
    readonly line: number,
    readonly start: number,
  ) {}

  get end(): number {
    return this.start + this.text.length;
  }

  get name(): Token {
    return this;
  }

  get span(): Span {
    return this;
  }
}

/** A label pair; the value's span is made when asked for. */
export class ParsedLabel extends ParsedNamedItem implements LabelPair {
  constructor(
    text: string,
    line: number,
    start: number,
    readonly value: string,
    private readonly valueStart: number,
    private readonly valueEnd: number,
  ) {
    super(text, line, start);
  }

  get valueSpan(): Span {
    return { line: this.line, start: this.valueStart, end: this.valueEnd };
  }

  /** The LabelPair shape, for JSON.stringify (getters are not own properties). */
  toJSON(): LabelPair {
    return { name: plainToken(this), value: this.value, valueSpan: this.valueSpan };
  }
}

/** A sample line; the value token is made when asked for. */
export class ParsedSample extends ParsedNamedItem implements Sample {
  constructor(
    text: string,
    line: number,
    start: number,
    readonly familyName: string,
    readonly labels: readonly LabelPair[],
    private readonly valueText: string,
    private readonly valueStart: number,
    readonly numericValue: number,
    readonly timestamp: Token | undefined,
  ) {
    super(text, line, start);
  }

  get value(): Token {
    return new ParsedToken(this.valueText, this.line, this.valueStart, this.valueStart + this.valueText.length);
  }

  /** The Sample shape, for JSON.stringify (getters are not own properties). */
  toJSON(): Sample {
    return {
      name: plainToken(this),
      familyName: this.familyName,
      labels: this.labels,
      value: plainToken(this.value),
      numericValue: this.numericValue,
      timestamp: this.timestamp && plainToken(this.timestamp),
      line: this.line,
    };
  }
}

/** A sample whose name is written quoted (1.11): `text` is the unescaped name, `end` where the written one ends. */
export class QuotedSample extends ParsedSample {
  constructor(
    text: string,
    line: number,
    start: number,
    private readonly writtenEnd: number,
    familyName: string,
    labels: readonly LabelPair[],
    valueText: string,
    valueStart: number,
    numericValue: number,
    timestamp: Token | undefined,
  ) {
    super(text, line, start, familyName, labels, valueText, valueStart, numericValue, timestamp);
  }

  override get end(): number {
    return this.writtenEnd;
  }
}

/** A label whose name is written quoted (1.11): `text` is the unescaped name, `end` where the written one ends. */
export class QuotedLabel extends ParsedLabel {
  constructor(
    text: string,
    line: number,
    start: number,
    private readonly writtenEnd: number,
    value: string,
    valueStart: number,
    valueEnd: number,
  ) {
    super(text, line, start, value, valueStart, valueEnd);
  }

  override get end(): number {
    return this.writtenEnd;
  }
}

function plainToken(token: Token): Token {
  const { line, start, end } = token.span;
  return { text: token.text, span: { line, start, end } };
}

/** The labels of every sample without any: samples never change their labels, so they can share it. */
export const NO_LABELS: readonly LabelPair[] = Object.freeze([]);

/**
 * A rejected line. Go's error is written out when asked for (the first problem, the mock's answer):
 * a document of millions of bad lines then keeps one short message each, not two texts.
 */
export class RejectedLine implements ParseProblem {
  declare readonly dropsConnection?: boolean;

  constructor(
    readonly code: ParseProblemCode,
    readonly message: string,
    /** Go's error without its `text format parsing error in line N: ` prefix. */
    private readonly goMessage: string,
    /** 0-based, as the span's. */
    private readonly goLine: number,
    readonly span: Span,
    dropsConnection: boolean | undefined,
  ) {
    if (dropsConnection) {
      this.dropsConnection = true;
    }
  }

  get goError(): string {
    return `text format parsing error in line ${this.goLine + 1}: ${this.goMessage}`;
  }

  /** The ParseProblem shape, for JSON.stringify (getters are not own properties). */
  toJSON(): ParseProblem {
    const { code, message, goError, span } = this;
    return this.dropsConnection ? { code, message, goError, span, dropsConnection: true } : { code, message, goError, span };
  }
}
