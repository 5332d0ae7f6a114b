/** The outcome of an operation that can fail on bad input: a value, or what went wrong (a message by default). */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export function success<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function failure<E = string>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
