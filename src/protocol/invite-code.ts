import { randomToken, type RandomBytes } from '../util/random-token.js';
import { fail, ok, type Result } from '../util/result.js';

/**
 * Invite codes are read aloud and typed on phones, so the alphabet leaves out characters that
 * look or sound alike (0/O, 1/I/L). 31 symbols, 6 characters: 31^6 ≈ 8.9e8 codes.
 */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 6;

/** Draws a code from a byte source: cryptographic on the lobby, seeded in simulations. */
export function generateInviteCode(bytes: RandomBytes): string {
  return randomToken(INVITE_ALPHABET, INVITE_CODE_LENGTH, bytes);
}

/**
 * Accepts what a person may type or paste (lower case, spaces, dashes) and returns the canonical
 * code, or says precisely what is wrong with it.
 */
export function parseInviteCode(input: unknown): Result<string> {
  if (typeof input !== 'string') return fail('invite code must be text');
  if (input.length > 32) return fail('invite code is too long');
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== INVITE_CODE_LENGTH) {
    return fail(`invite code must have ${INVITE_CODE_LENGTH} characters`);
  }
  for (const char of code) {
    if (!INVITE_ALPHABET.includes(char)) return fail(`invite code contains an invalid character "${char}"`);
  }
  return ok(code);
}
