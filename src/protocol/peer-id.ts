import { fail, ok, type Result } from '../util/result.js';

/**
 * A peer's id in a game: chosen by the client, not by the lobby, so that the same peer can enter
 * the lobby room again under the same id after a lobby restart (the room, its session ids and its
 * memory are gone then; the peer links and the match's join order are not). URL-safe characters
 * only, because ids travel in signals, TURN user names and logs.
 */
export const PEER_ID_PATTERN = /^[A-Za-z0-9_-]{8,32}$/;
export const PEER_ID_LENGTH = 12;
/** 64 symbols: one random byte masked to 6 bits is uniform (64 divides 256), so no bias. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A fresh peer id from a cryptographic source: 12 symbols, 72 bits. */
export function newPeerId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(PEER_ID_LENGTH));
  return Array.from(bytes, (byte) => ALPHABET.charAt(byte & 63)).join('');
}

/** True for a well-formed peer id (8 to 32 characters `[A-Za-z0-9_-]`). */
export function isPeerId(value: unknown): value is string {
  return typeof value === 'string' && PEER_ID_PATTERN.test(value);
}

/** Reads a peer id from untrusted input, saying what is wrong with it. */
export function parsePeerId(value: unknown): Result<string> {
  return isPeerId(value) ? ok(value) : fail('peerId must be 8-32 URL-safe characters [A-Za-z0-9_-]');
}
