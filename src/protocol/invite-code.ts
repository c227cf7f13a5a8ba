import { fail, ok, type Result } from '../util/result.js';

/**
 * Invite codes are read aloud and typed on phones, so the alphabet leaves out characters that
 * look or sound alike (0/O, 1/I/L). 31 symbols, 6 characters: 31^6 ≈ 8.9e8 codes.
 */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 6;

/** Largest multiple of the alphabet size that fits a byte: bytes at or above it are rejected so every symbol is equally likely. */
const UNBIASED_BYTE_LIMIT = Math.floor(256 / INVITE_ALPHABET.length) * INVITE_ALPHABET.length;

/**
 * Draws a code from a cryptographic byte source (injected so tests are deterministic).
 * Rejection sampling avoids modulo bias, which would make some codes easier to guess.
 */
export function generateInviteCode(randomBytes: (count: number) => Uint8Array): string {
  let code = '';
  while (code.length < INVITE_CODE_LENGTH) {
    for (const byte of randomBytes(INVITE_CODE_LENGTH * 2)) {
      if (byte >= UNBIASED_BYTE_LIMIT) continue;
      code += INVITE_ALPHABET.charAt(byte % INVITE_ALPHABET.length);
      if (code.length === INVITE_CODE_LENGTH) break;
    }
  }
  return code;
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
