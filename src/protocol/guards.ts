/**
 * Small runtime checks used by the hand-written parsers at a trust boundary (peer messages on the
 * data channel, storage, configuration; the lobby's JSON uses schemas, see wire-schema.ts).
 * They narrow `unknown` without casts so that invalid input can only become a `Result` failure.
 */

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An integer within [min, max]; rejects NaN, fractions, bigint and non-numbers. */
export function isIntInRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** A string no longer than `maxLength` UTF-16 code units. */
export function isBoundedString(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

/**
 * Cleans a display name typed by a person: strips control characters, folds whitespace, trims
 * and clips. Names are only ever rendered as text, but this keeps them readable and bounded.
 */
export function sanitizeDisplayName(value: unknown, maxLength: number, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  const cleaned = value
    .replace(/\p{Cc}|\p{Cf}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  const clipped = Array.from(cleaned).slice(0, maxLength).join('').trim();
  return clipped.length > 0 ? clipped : fallback;
}
