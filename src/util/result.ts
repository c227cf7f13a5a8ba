/**
 * Expected failures are values, not exceptions: a malformed packet or a bad invite code is
 * normal traffic on the open internet, so callers must handle it explicitly.
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Wraps a successful value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps an expected failure with a human-readable reason. */
export function fail<T = never>(reason: string): Result<T> {
  return { ok: false, reason };
}
