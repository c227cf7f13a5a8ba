/**
 * A game variant's id as the lobby carries it between the host's page and everyone else's: 1 to
 * 16 of a–z, 0–9 and '-'. The empty id stands for the game's default (its only version, or its
 * first variant), which is also what a lobby from before variants implies.
 */
export const VARIANT_ID_PATTERN = /^[a-z0-9-]{1,16}$/;
export const DEFAULT_VARIANT = '';

/** Whether `value` may travel as a variant id ('' included). */
export function isVariantId(value: unknown): value is string {
  return value === DEFAULT_VARIANT || (typeof value === 'string' && VARIANT_ID_PATTERN.test(value));
}
