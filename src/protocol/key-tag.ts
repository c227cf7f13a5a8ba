import { isRecord } from './guards.js';
import { isPeerId } from './peer-id.js';
import { fail, ok, type Result } from '../util/result.js';

/**
 * A member's key tag: 128 bits of SHA-256 over the game's invite code and the member's browser key
 * (`playerKey`), written in base64url (22 characters). The lobby derives it and shows it to every
 * member, so peers can tell whether a peer id is still held by the same browser after a lobby
 * restart, without ever learning the key itself: the key stays the lobby's secret, and a tag is
 * worth nothing in another game (the code is in the hash).
 */
export const KEY_TAG_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** True for a well-formed key tag. */
export function isKeyTag(value: unknown): value is string {
  return typeof value === 'string' && KEY_TAG_PATTERN.test(value);
}

/**
 * Reads the key tags a re-creation carries (`{ peerId: tag }`, optional): every id must be one of
 * `order`, so the object is bounded by the order's own bound.
 */
export function parseKeyTags(value: unknown, order: readonly string[]): Result<ReadonlyMap<string, string>> {
  if (value === undefined) return ok(new Map());
  const message = 'keyTags must map peer ids of order to key tags';
  if (!isRecord(value)) return fail(message);
  const entries = Object.entries(value);
  const listed = new Set(order);
  if (entries.length > listed.size) return fail(message);
  const tags = new Map<string, string>();
  for (const [id, tag] of entries) {
    if (!isPeerId(id) || !listed.has(id) || !isKeyTag(tag)) return fail(message);
    tags.set(id, tag);
  }
  return ok(tags);
}
