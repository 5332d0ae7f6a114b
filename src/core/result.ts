/** The outcome of an operation that can fail on bad input: a value, or a message for the user. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure<T = never>(error: string): Result<T> {
  return { ok: false, error };
}
