import { cryptoBytes, randomToken, URL_SAFE_ALPHABET, type RandomBytes } from '../util/random-token.js';
import { fail, ok, type Result } from '../util/result.js';

/**
 * A peer's id in a game: chosen by the client, not by the lobby, so that the same peer can enter
 * the lobby room again under the same id after a lobby restart (the room, its session ids and its
 * memory are gone then; the peer links and the match's join order are not). URL-safe characters
 * only, because ids travel in signals, TURN user names and logs.
 */
export const PEER_ID_PATTERN = /^[A-Za-z0-9_-]{8,32}$/;
export const PEER_ID_LENGTH = 12;
/** A fresh peer id: 12 URL-safe symbols, 72 bits (from a cryptographic source unless seeded). */
export function newPeerId(bytes: RandomBytes = cryptoBytes): string {
  return randomToken(URL_SAFE_ALPHABET, PEER_ID_LENGTH, bytes);
}

/** True for a well-formed peer id (8 to 32 characters `[A-Za-z0-9_-]`). */
export function isPeerId(value: unknown): value is string {
  return typeof value === 'string' && PEER_ID_PATTERN.test(value);
}

/** Reads a peer id from untrusted input, saying what is wrong with it. */
export function parsePeerId(value: unknown): Result<string> {
  return isPeerId(value) ? ok(value) : fail('peerId must be 8-32 URL-safe characters [A-Za-z0-9_-]');
}
