/** Where the CLI writes; injected so tests can read what a run printed. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
  /** Resolves once what `out` was given has been taken by its destination (a pipe's reader may be slower than us); none: at once. */
  outDrained?(): Promise<void>;
}

const CHUNK_CHARACTERS = 64 * 1024;

/**
 * Collects many small pieces of `out` into chunks of about 64 Ki characters and waits for the
 * destination between chunks: millions of findings then print without one string too long for V8
 * ("Invalid string length"), without millions of writes, and without piling up in memory behind a
 * slow reader.
 */
export class ChunkedOutput {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly output: CliOutput) {}

  /** Adds `text`; true when a chunk went out and the caller should `await drained()` before more. */
  write(text: string): boolean {
    this.parts.push(text);
    this.size += text.length;
    if (this.size < CHUNK_CHARACTERS) {
      return false;
    }
    this.flush();
    return this.output.outDrained !== undefined;
  }

  drained(): Promise<void> {
    return this.output.outDrained?.() ?? Promise.resolve();
  }

  /** Writes what is collected. */
  flush(): void {
    if (this.size > 0) {
      this.output.out(this.parts.join(''));
    }
    this.parts = [];
    this.size = 0;
  }
}
