import { fail, ok, type Result } from '../util/result.js';

/** Which ICE candidates a page may use: all of them, or TURN relays only. */
export type IcePolicy = 'all' | 'relay';

/**
 * Reads `?ice=relay` from the page address. Forcing the relay path lets a person (or a test)
 * check that a TURN server works without needing a network where direct connections fail.
 * A value other than `all` or `relay` is refused with the reason, and the page uses `all`.
 */
export function parseIcePolicy(search: string): Result<IcePolicy> {
  const value = new URLSearchParams(search).get('ice');
  if (value === null || value === 'all') return ok('all');
  if (value === 'relay') return ok('relay');
  return fail(`unknown ice option "${value.slice(0, 32)}": use ?ice=relay or ?ice=all`);
}
