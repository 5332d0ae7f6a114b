import { goStringBytes, isValidGoUtf8 } from '../../goemu/goFormat';

/**
 * An answer written straight into one buffer that doubles as it fills, instead of parts kept
 * until the end and joined: nothing of a big answer but its bytes lives until it is complete.
 */
export class GrowingBuffer {
  protected buffer = Buffer.allocUnsafe(64 * 1024);
  protected length = 0;

  protected reserve(bytes: number): void {
    if (this.length + bytes > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
  }

  /** A Go string: its UTF-8, escaped bytes (see goFormat.ts) written as the bytes they stand for. */
  goString(value: string): void {
    if (!isValidGoUtf8(value)) {
      const bytes = goStringBytes(value);
      this.reserve(bytes.length);
      this.length += bytes.copy(this.buffer, this.length);
      return;
    }
    this.reserve(value.length * 3);
    this.length += this.buffer.write(value, this.length, 'utf8');
  }

  toBuffer(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}
