// What the rules that look for a repeated series share: a text hash and an index of items by hash.

/** FNV-1a over the UTF-16 code units of `text`, from `hash` (0x811c9dc5 to start a new one). */
export function hashText(text: string, hash: number): number {
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash;
}

/** FNV-1a's offset basis: where a new hash starts. */
export const FNV_OFFSET_BASIS = 0x811c9dc5;

/**
 * Items by a 32-bit hash, chained: no key string is built per item, and only items of the same
 * hash are compared with `same`.
 */
export class HashIndex<T> {
  private readonly latestWithHash = new Map<number, number>();
  private readonly items: T[] = [];
  /** For each item, the one added before it with the same hash, or -1. */
  private readonly previousWithSameHash: number[] = [];

  constructor(private readonly same: (a: T, b: T) => boolean) {}

  /** An item of this hash that `same` matches with `item`, the latest added first; undefined when none does. */
  find(hash: number, item: T): T | undefined {
    for (let i = this.latestWithHash.get(hash) ?? -1; i >= 0; i = this.previousWithSameHash[i]) {
      if (this.same(this.items[i], item)) {
        return this.items[i];
      }
    }
    return undefined;
  }

  add(hash: number, item: T): void {
    this.previousWithSameHash.push(this.latestWithHash.get(hash) ?? -1);
    this.latestWithHash.set(hash, this.items.length);
    this.items.push(item);
  }
}
