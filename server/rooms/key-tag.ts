import { createHash } from 'node:crypto';

/**
 * The key tag of `playerKey` in game `code` (src/protocol/key-tag.ts): the first 128 bits of
 * SHA-256 over both, base64url. Keys are random (≥ 96 bits from a browser), so a tag shown to the
 * other members does not reveal the key it was derived from.
 */
export function keyTagOf(code: string, playerKey: string): string {
  return createHash('sha256').update(`hostmesh key tag\n${code}\n${playerKey}`).digest('base64url').slice(0, 22);
}
