/**
 * Appends every item of `items` to `target`. `target.push(...items)` passes each item as an argument,
 * and a few hundred thousand of them (the characters of a big body, the findings of a big document)
 * overflow the stack with a RangeError.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) {
    target.push(item);
  }
}
