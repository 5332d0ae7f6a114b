/**
 * Lets a message about a subject (a setting, a file) through once, not at every refresh: the same
 * message for the same subject passes again only after a different one, or a `clear`, came between.
 */
export class RepeatFilter {
  private readonly lastPassed = new Map<string, string>();

  passes(subject: string, message: string): boolean {
    if (this.lastPassed.get(subject) === message) {
      return false;
    }
    this.lastPassed.set(subject, message);
    return true;
  }

  /** The subject is fine now: a later problem with it passes again. */
  clear(subject: string): void {
    this.lastPassed.delete(subject);
  }
}
