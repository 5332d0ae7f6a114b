import { lintExposition, LintOptions, LintResult } from '../exposition/lint';

export type BodyLintOptions = Pick<LintOptions, 'severities' | 'target' | 'groupingLabels'>;

/** How many bodies one cache keeps: far more than a script has, so that an edit re-lints only what it changed. */
const DEFAULT_CAPACITY = 4096;

/**
 * The lint of each body of one shell script, by the body's text and the options it was linted
 * with, so that an edit re-lints only the bodies it changed (the editor keeps one per open
 * document). The least recently used entry goes first once `capacity` is reached. A result is
 * shared between the lints that ask for it: callers must not change it.
 */
export class BodyLintCache {
  private readonly entries = new Map<string, LintResult>();
  private readonly optionKeys = new WeakMap<object, string>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  lint(text: string, options: BodyLintOptions): LintResult {
    const key = `${this.optionsKey(options)}\u0000${text}`;
    const cached = this.entries.get(key);
    if (cached) {
      // Moved to the end: the most recently used.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const result = lintExposition(text, options);
    this.entries.set(key, result);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return result;
  }

  /** How many bodies are kept (for tests). */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  private optionsKey(options: BodyLintOptions): string {
    return `${this.objectKey(options.severities)}\u0000${this.objectKey(options.target)}\u0000${JSON.stringify(options.groupingLabels ?? [])}`;
  }

  /** Severities and targets are small objects, the same ones lint after lint: their text is kept by identity. */
  private objectKey(value: object | undefined): string {
    if (value === undefined) {
      return '';
    }
    let key = this.optionKeys.get(value);
    if (key === undefined) {
      key = JSON.stringify(value);
      this.optionKeys.set(value, key);
    }
    return key;
  }
}

/** A body's lint through `cache` when there is one, else afresh. */
export function lintBody(text: string, options: BodyLintOptions, cache: BodyLintCache | undefined): LintResult {
  return cache ? cache.lint(text, options) : lintExposition(text, options);
}
