// The suffixes client_golang's suffix-collision check looks at: a summary or histogram `x` collides
// with a family `x_count`, `x_sum` or (histogram) `x_bucket` gathered before it, and the other way round.

export const COLLISION_SUFFIXES = ['_count', '_sum', '_bucket'] as const;

/** `x` for `x_count`, `x_sum` or `x_bucket`; undefined for a name without one of those suffixes. */
export function baseOfSuffixed(name: string): string | undefined {
  for (const suffix of COLLISION_SUFFIXES) {
    if (name.endsWith(suffix)) {
      return name.slice(0, -suffix.length);
    }
  }
  return undefined;
}
