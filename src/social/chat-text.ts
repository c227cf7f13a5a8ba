import { fail, ok, type Result } from '../util/result.js';

/** Longest chat line, in characters (Unicode code points) after cleaning. */
export const MAX_CHAT_TEXT_LENGTH = 200;

/**
 * Control characters (line breaks, escapes, NUL) and the bidirectional overrides and isolates that
 * can make a line display differently from what was typed (U+202A–U+202E, U+2066–U+2069). Other
 * format characters stay: the zero-width joiner is part of many emoji.
 */
const UNSAFE = /\p{Cc}|[\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Cleans a chat line, typed here or received from a peer: removes control and bidi-override
 * characters, folds runs of whitespace into one space and trims. Refuses an empty line and one
 * longer than MAX_CHAT_TEXT_LENGTH characters (refused, not clipped: a clipped line could say
 * something its author did not).
 */
export function cleanChatText(raw: string): Result<string> {
  const cleaned = raw.replace(UNSAFE, ' ').replace(/\s+/gu, ' ').trim();
  if (cleaned.length === 0) return fail('empty chat line');
  const length = Array.from(cleaned).length;
  if (length > MAX_CHAT_TEXT_LENGTH) return fail(`chat line of ${length} characters (at most ${MAX_CHAT_TEXT_LENGTH})`);
  return ok(cleaned);
}
