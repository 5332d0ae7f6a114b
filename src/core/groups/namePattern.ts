import { failure, Result, success } from '../result';

/**
 * A regular expression over metric names, matched in time linear in the name (a Thompson NFA run
 * over the name once), whatever the pattern. A pattern from settings may come from a workspace
 * nobody vetted; JavaScript's backtracking engine takes exponential time on `^(a+)+$` and a
 * synchronous regex cannot be interrupted, so the explorer never runs such text as a RegExp.
 *
 * The language is JavaScript's without what needs backtracking: literals and escapes, `.`,
 * classes (`[a-z]`, `[^_]`, `\d`, `\w`, `\s`), groups (`(...)`, `(?:...)`), `|`, `*`, `+`, `?`,
 * `{n}`, `{n,}`, `{n,m}`, and the anchors `^` and `$`. Lookarounds, backreferences and word
 * boundaries are refused. Like `RegExp.prototype.test`, a pattern matches anywhere in the name
 * unless anchored.
 */
export interface NamePattern {
  readonly source: string;
  test(name: string): boolean;
}

/** Longer patterns are refused: nobody needs more to name a gauge, and it bounds the matcher's states. */
export const MAX_NAME_PATTERN_LENGTH = 256;
/** Counted repetition is unrolled; this bounds what `{n,m}` may unroll to. */
const MAX_STATES = 4_096;

type CharTest = (code: number) => boolean;

type Node =
  | { readonly kind: 'char'; readonly test: CharTest }
  | { readonly kind: 'start' | 'end' | 'empty' }
  | { readonly kind: 'sequence' | 'either'; readonly items: readonly Node[] }
  | { readonly kind: 'repeat'; readonly item: Node; readonly min: number; readonly max: number };

type State = { kind: 'char'; test: CharTest; next: number } | { kind: 'split'; next: number; other: number } | { kind: 'start' | 'end'; next: number } | { kind: 'match' };

class PatternError extends Error {}

const isDigit: CharTest = (code) => code >= 48 && code <= 57;
const isWord: CharTest = (code) => isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isSpace: CharTest = (code) => /\s/.test(String.fromCharCode(code));
const isLineTerminator: CharTest = (code) => code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
const not =
  (test: CharTest): CharTest =>
  (code) =>
    !test(code);
const exactly =
  (expected: number): CharTest =>
  (code) =>
    code === expected;

const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 };
const CLASS_ESCAPES: Record<string, CharTest> = { d: isDigit, D: not(isDigit), w: isWord, W: not(isWord), s: isSpace, S: not(isSpace) };

/** Reads the pattern text into a tree; throws PatternError for what the matcher does not do. */
class Parser {
  private at = 0;

  constructor(private readonly text: string) {}

  parse(): Node {
    const node = this.either();
    if (this.at < this.text.length) {
      throw new PatternError(`unexpected "${this.text[this.at]}"`);
    }
    return node;
  }

  private peek(): string | undefined {
    return this.text[this.at];
  }

  private either(): Node {
    const items = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      items.push(this.sequence());
    }
    return items.length === 1 ? items[0] : { kind: 'either', items };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.text.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.repeated());
    }
    return items.length === 1 ? items[0] : items.length === 0 ? { kind: 'empty' } : { kind: 'sequence', items };
  }

  private repeated(): Node {
    let node = this.atom();
    for (;;) {
      const bounds = this.quantifier();
      if (!bounds) {
        return node;
      }
      if (node.kind === 'start' || node.kind === 'end') {
        throw new PatternError('nothing to repeat');
      }
      if (this.peek() === '?') {
        this.at++; // lazy or greedy: the same answer to "does it match"
      }
      node = { kind: 'repeat', item: node, ...bounds };
    }
  }

  private quantifier(): { min: number; max: number } | undefined {
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?') {
      this.at++;
      return { min: next === '+' ? 1 : 0, max: next === '?' ? 1 : Infinity };
    }
    const counted = next === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(this.text.slice(this.at)) : null;
    if (!counted) {
      return undefined; // a `{` that starts no count is a literal, as in JavaScript
    }
    this.at += counted[0].length;
    const min = Number(counted[1]);
    const max = counted[2] === undefined ? min : counted[3] === '' ? Infinity : Number(counted[3]);
    if (max < min) {
      throw new PatternError('numbers out of order in {} quantifier');
    }
    return { min, max };
  }

  private atom(): Node {
    const next = this.text[this.at++];
    switch (next) {
      case '^':
        return { kind: 'start' };
      case '$':
        return { kind: 'end' };
      case '.':
        return { kind: 'char', test: not(isLineTerminator) };
      case '[':
        return { kind: 'char', test: this.characterClass() };
      case '\\':
        return { kind: 'char', test: this.escape(false).test };
      case '(':
        return this.group();
      case '*':
      case '+':
      case '?':
        throw new PatternError('nothing to repeat');
      case ')':
        throw new PatternError('unmatched ")"');
      default:
        return { kind: 'char', test: exactly(next.charCodeAt(0)) };
    }
  }

  private group(): Node {
    if (this.peek() === '?') {
      if (this.text.startsWith('?:', this.at)) {
        this.at += 2;
      } else {
        throw new PatternError('lookarounds and named groups are not supported');
      }
    }
    const inner = this.either();
    if (this.text[this.at++] !== ')') {
      throw new PatternError('unterminated group');
    }
    return inner;
  }

  /** An escape after a backslash: its test, and its code when it stands for one character (a range end). */
  private escape(inClass: boolean): { test: CharTest; code?: number } {
    const next = this.text[this.at++];
    if (next === undefined) {
      throw new PatternError('\\ at end of pattern');
    }
    if (CLASS_ESCAPES[next]) {
      return { test: CLASS_ESCAPES[next] };
    }
    const hex = next === 'x' ? /^[0-9a-fA-F]{2}/.exec(this.text.slice(this.at)) : next === 'u' ? /^[0-9a-fA-F]{4}/.exec(this.text.slice(this.at)) : null;
    const code = hex
      ? parseInt(hex[0], 16)
      : next in CONTROL_ESCAPES && !(next === '0' && isDigit(this.text.charCodeAt(this.at)))
        ? CONTROL_ESCAPES[next]
        : inClass && next === 'b'
          ? 8
          : /[A-Za-z0-9]/.test(next)
            ? undefined
            : next.charCodeAt(0);
    if (code === undefined) {
      throw new PatternError(`\\${next} is not supported (no backreferences, word boundaries or property escapes)`);
    }
    this.at += hex ? hex[0].length : 0;
    return { test: exactly(code), code };
  }

  private characterClass(): CharTest {
    const negated = this.peek() === '^';
    if (negated) {
      this.at++;
    }
    const members: CharTest[] = [];
    while (this.peek() !== ']') {
      if (this.at >= this.text.length) {
        throw new PatternError('unterminated character class');
      }
      const low = this.classMember();
      if (this.peek() === '-' && this.text[this.at + 1] !== ']' && this.at + 1 < this.text.length) {
        this.at++;
        const high = this.classMember();
        if (low.code === undefined || high.code === undefined) {
          members.push(low.test, exactly(45), high.test); // `[\d-z]`: JavaScript reads the dash as itself
        } else if (high.code < low.code) {
          throw new PatternError('range out of order in character class');
        } else {
          const [from, to] = [low.code, high.code];
          members.push((code) => code >= from && code <= to);
        }
      } else {
        members.push(low.test);
      }
    }
    this.at++;
    const inClass: CharTest = (code) => members.some((member) => member(code));
    return negated ? not(inClass) : inClass;
  }

  /** One member of a class: its test, and its code when it is a single character (a range end). */
  private classMember(): { test: CharTest; code?: number } {
    const next = this.text[this.at++];
    return next === '\\' ? this.escape(true) : { test: exactly(next.charCodeAt(0)), code: next.charCodeAt(0) };
  }
}

/** Thompson's construction, built back to front: each node becomes states leading to `next`. */
class Compiler {
  readonly states: State[] = [{ kind: 'match' }];

  compile(node: Node, next: number): number {
    if (this.states.length > MAX_STATES) {
      throw new PatternError('the pattern repeats too much');
    }
    switch (node.kind) {
      case 'empty':
        return next;
      case 'char':
        return this.add({ kind: 'char', test: node.test, next });
      case 'start':
      case 'end':
        return this.add({ kind: node.kind, next });
      case 'sequence':
        return node.items.reduceRight((after, item) => this.compile(item, after), next);
      case 'either':
        return node.items.map((item) => this.compile(item, next)).reduceRight((other, first) => this.add({ kind: 'split', next: first, other }));
      case 'repeat':
        return this.repeat(node.item, node.min, node.max, next);
    }
  }

  private repeat(item: Node, min: number, max: number, next: number): number {
    let start = next;
    if (max === Infinity) {
      const loop = this.add({ kind: 'split', next: -1, other: next });
      (this.states[loop] as { next: number }).next = this.compile(item, loop);
      start = loop;
    } else {
      for (let optional = 0; optional < max - min; optional++) {
        start = this.add({ kind: 'split', next: this.compile(item, start), other: next });
      }
    }
    for (let required = 0; required < min; required++) {
      start = this.compile(item, start);
    }
    return start;
  }

  private add(state: State): number {
    this.states.push(state);
    return this.states.length - 1;
  }
}

/** Runs the NFA over the name once: every position is tried as a start (or only the first, with `^`). */
function matchSteps(states: readonly State[], start: number, name: string): { matched: boolean; steps: number } {
  const seenAt = new Int32Array(states.length).fill(-1);
  let current: number[] = [];
  let steps = 0;
  const stack: number[] = [];
  /** Adds a state and all it reaches without reading a character; true when that reaches the match. */
  const addClosure = (into: number[], first: number, position: number): boolean => {
    stack.push(first);
    while (stack.length > 0) {
      const index = stack.pop() as number;
      if (seenAt[index] === position) {
        continue;
      }
      seenAt[index] = position;
      steps++;
      const state = states[index];
      if (state.kind === 'match') {
        stack.length = 0;
        return true;
      } else if (state.kind === 'char') {
        into.push(index);
      } else if (state.kind === 'split') {
        stack.push(state.other, state.next);
      } else if (state.kind === 'start' ? position === 0 : position === name.length) {
        stack.push(state.next);
      }
    }
    return false;
  };
  for (let position = 0; position <= name.length; position++) {
    if (addClosure(current, start, position)) {
      return { matched: true, steps };
    }
    if (position === name.length) {
      break;
    }
    const code = name.charCodeAt(position);
    const following: number[] = [];
    for (const index of current) {
      const state = states[index] as { test: CharTest; next: number };
      steps++;
      if (state.test(code) && addClosure(following, state.next, position + 1)) {
        return { matched: true, steps };
      }
    }
    current = following;
  }
  return { matched: false, steps };
}

/** The pattern, or why it is refused (JavaScript's own message when it is no regular expression at all). */
export function compileNamePattern(source: string): Result<NamePattern & { readonly stateCount: number; steps(name: string): { matched: boolean; steps: number } }, string> {
  if (source.length > MAX_NAME_PATTERN_LENGTH) {
    return failure(`it is longer than ${MAX_NAME_PATTERN_LENGTH} characters`);
  }
  try {
    new RegExp(source); // compiled only, never run: for JavaScript's message on a syntax error
  } catch (error) {
    return failure(`it is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    const compiler = new Compiler();
    const start = compiler.compile(new Parser(source).parse(), 0);
    const states = compiler.states;
    return success({
      source,
      stateCount: states.length,
      test: (name: string) => matchSteps(states, start, name).matched,
      steps: (name: string) => matchSteps(states, start, name),
    });
  } catch (error) {
    if (error instanceof PatternError) {
      return failure(`the safe matcher does not support it: ${error.message}`);
    }
    throw error;
  }
}
