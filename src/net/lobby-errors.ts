import { isBoundedString, isRecord } from '../protocol/guards.js';
import type { LobbyErrorPayload } from '../protocol/lobby-messages.js';
import type { EntryFailureCode } from '../protocol/lobby-refusal.js';
import { fail, ok, type Result } from '../util/result.js';
import { LobbyEntryError } from './lobby-transport.js';

/** Reads a `lobby-error` payload; the code is kept as text so newer lobbies' codes still show. */
export function parseLobbyError(value: unknown): Result<LobbyErrorPayload> {
  if (!isRecord(value) || !isBoundedString(value['code'], 64) || !isBoundedString(value['message'], 1024)) {
    return fail('lobby error payload malformed');
  }
  return ok({ code: value['code'] as LobbyErrorPayload['code'], message: value['message'] });
}

/** What a player is told for each way an entry fails. */
const SENTENCES: Readonly<Record<EntryFailureCode, (reason: string) => string>> = {
  'bad-request': (reason) => `The lobby refused the request: ${reason}`,
  kicked: () => 'The host removed you from this game.',
  'foreign-origin': () => 'This lobby does not serve this page: open the game from its own address.',
  'method-not-allowed': (reason) => `The lobby refused the request: ${reason}`,
  'id-taken': (reason) => `The lobby refused: ${reason}`,
  'id-owned': (reason) => `The lobby refused: ${reason}`,
  locked: () => 'The host has locked this game: ask them to unlock it.',
  'not-yet': () => 'Nobody is playing this game yet: open the link again in a moment.',
  'spectators-full': () => 'This game is full of spectators.',
  full: () => 'This game is full.',
  'code-taken': () => 'A game with this code already exists.',
  'too-large': (reason) => `The lobby refused the request: ${reason}`,
  'rate-limited': () => 'Too many attempts from your network: wait a few seconds and try again.',
  internal: () => 'The lobby had a problem: try again in a moment.',
  'not-found': () => 'This invite link is not valid, or the game has ended.',
  'seat-gone': () => 'Your seat in that game is gone (it ended, or you were away too long).',
  'no-public-game': () => 'No public game has room right now: host one!',
  unreachable: (reason) => `Could not reach the lobby (${reason}).`,
  unknown: (reason) => `The lobby refused: ${reason}`,
};

/** Turns matchmaking failures into sentences a player understands, by their refusal code. */
export function describeJoinError(error: unknown): string {
  if (error instanceof LobbyEntryError) return SENTENCES[error.code](error.reason);
  const message = error instanceof Error ? error.message : String(error);
  return SENTENCES.unreachable(message);
}
