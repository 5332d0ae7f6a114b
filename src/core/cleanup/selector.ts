import { failure, Result, success } from '../result';
import { compileNamePattern, NamePattern } from '../groups/namePattern';

type MatchOperator = '=' | '!=' | '=~' | '!~';

/** One label matcher of a selector: `job=~"tmp_.*"`. */
interface LabelMatcher {
  readonly name: string;
  readonly operator: MatchOperator;
  readonly value: string;
  /** Whether a label value (`''` for a label the group does not have) satisfies the matcher. */
  matches(labelValue: string): boolean;
}

/** A selector: label matchers that must all hold, as inside Prometheus' `{...}`. */
export interface GroupSelector {
  readonly text: string;
  readonly matchers: readonly LabelMatcher[];
  /** Whether a group with these grouping labels is selected (a missing label counts as the empty value, as in Prometheus). */
  matches(labels: Readonly<Record<string, string>>): boolean;
}

class SelectorError extends Error {}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const OPERATORS: readonly MatchOperator[] = ['=~', '!~', '!=', '='];
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', "'": "'", n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Reads `{name op "value", ...}` (the braces optional) one matcher at a time. */
class SelectorReader {
  private at = 0;

  constructor(private readonly text: string) {}

  read(): LabelMatcher[] {
    this.skipSpace();
    const braced = this.text[this.at] === '{';
    if (!braced && /^[a-zA-Z_:][a-zA-Z0-9_:]*\s*\{/.test(this.text.slice(this.at))) {
      throw new SelectorError('a group has no metric name: give label matchers only, e.g. {job=~"tmp_.*"}');
    }
    if (braced) {
      this.at++;
    }
    const matchers: LabelMatcher[] = [];
    for (;;) {
      this.skipSpace();
      if (this.at >= this.text.length || this.text[this.at] === '}') {
        break;
      }
      matchers.push(this.matcher());
      this.skipSpace();
      if (this.text[this.at] === ',') {
        this.at++;
      } else {
        break;
      }
    }
    this.skipSpace();
    if (braced) {
      if (this.text[this.at] !== '}') {
        throw new SelectorError(this.at >= this.text.length ? 'the "{" is never closed' : `expected "," or "}" at column ${this.at + 1}, found "${this.text[this.at]}"`);
      }
      this.at++;
      this.skipSpace();
    }
    if (this.at < this.text.length) {
      throw new SelectorError(`expected "," ${braced ? 'or "}" ' : ''}at column ${this.at + 1}, found "${this.text[this.at]}"`);
    }
    return matchers;
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) {
      this.at++;
    }
  }

  private matcher(): LabelMatcher {
    const name = LABEL_NAME.exec(this.text.slice(this.at))?.[0];
    if (!name) {
      throw new SelectorError(`expected a label name at column ${this.at + 1}, found "${this.text[this.at]}"`);
    }
    this.at += name.length;
    this.skipSpace();
    const operator = OPERATORS.find((candidate) => this.text.startsWith(candidate, this.at));
    if (!operator) {
      throw new SelectorError(`expected one of =, !=, =~, !~ after "${name}" at column ${this.at + 1}`);
    }
    this.at += operator.length;
    this.skipSpace();
    return makeMatcher(name, operator, this.quoted(name));
  }

  /** A string in double or single quotes (Go escapes) or backticks (raw), as PromQL writes them. */
  private quoted(name: string): string {
    const quote = this.text[this.at];
    if (quote !== '"' && quote !== "'" && quote !== '`') {
      throw new SelectorError(`the value of "${name}" must be quoted, e.g. ${name}="value" (column ${this.at + 1})`);
    }
    let value = '';
    for (let index = this.at + 1; index < this.text.length; index++) {
      const next = this.text[index];
      if (next === quote) {
        this.at = index + 1;
        return value;
      }
      if (next === '\\' && quote !== '`') {
        const escaped = this.text[++index];
        if (escaped === undefined || !(escaped in ESCAPES)) {
          throw new SelectorError(`unknown escape "\\${escaped ?? ''}" in the value of "${name}" (write \\\\ for a backslash)`);
        }
        value += ESCAPES[escaped];
      } else {
        value += next;
      }
    }
    throw new SelectorError(`the value of "${name}" has no closing ${quote}`);
  }
}

/** Prometheus anchors a label regex at both ends: `tmp_.*` must match the whole value. */
function anchoredPattern(name: string, source: string): NamePattern {
  const compiled = compileNamePattern(`^(?:${source})$`);
  if (!compiled.ok) {
    throw new SelectorError(`the regular expression "${source}" of "${name}" cannot be used: ${compiled.error}`);
  }
  return compiled.value;
}

function makeMatcher(name: string, operator: MatchOperator, value: string): LabelMatcher {
  if (operator === '=' || operator === '!=') {
    const equal = operator === '=';
    return { name, operator, value, matches: (labelValue) => (labelValue === value) === equal };
  }
  const pattern = anchoredPattern(name, value);
  const positive = operator === '=~';
  return { name, operator, value, matches: (labelValue) => pattern.test(labelValue) === positive };
}

/**
 * Parses a label selector as PromQL writes one (`{job=~"tmp_.*", instance!=""}`, the braces optional),
 * regular expressions anchored and run by the linear-time matcher. Like Prometheus, a selector whose
 * every matcher matches the empty value (`job=~".*"`) is refused: it would select every group.
 */
export function parseSelector(text: string): Result<GroupSelector> {
  let matchers: LabelMatcher[];
  try {
    matchers = new SelectorReader(text).read();
  } catch (error) {
    if (error instanceof SelectorError) {
      return failure(`bad selector ${text}: ${error.message}`);
    }
    throw error;
  }
  if (matchers.length === 0) {
    return failure(`bad selector ${text}: it has no label matcher; give at least one, e.g. job=~"tmp_.*"`);
  }
  if (matchers.every((matcher) => matcher.matches(''))) {
    return failure(`bad selector ${text}: every matcher also matches a missing label, so it selects every group; add one that does not match the empty value (e.g. job!="")`);
  }
  return success({
    text,
    matchers,
    matches: (labels) => matchers.every((matcher) => matcher.matches(labels[matcher.name] ?? '')),
  });
}
