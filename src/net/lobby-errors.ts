import { isBoundedString, isRecord } from '../protocol/guards.js';
import type { LobbyErrorPayload } from '../protocol/lobby-messages.js';
import { fail, ok, type Result } from '../util/result.js';
import { LobbyEntryError } from './lobby-transport.js';

/** Reads a `lobby-error` payload; the code is kept as text so newer lobbies' codes still show. */
export function parseLobbyError(value: unknown): Result<LobbyErrorPayload> {
  if (!isRecord(value) || !isBoundedString(value['code'], 64) || !isBoundedString(value['message'], 1024)) {
    return fail('lobby error payload malformed');
  }
  return ok({ code: value['code'] as LobbyErrorPayload['code'], message: value['message'] });
}

/** Turns matchmaking failures into sentences a player understands. */
export function describeJoinError(error: unknown): string {
  if (error instanceof LobbyEntryError && error.status !== undefined) {
    if (error.status === 429) return 'Too many attempts from your network: wait a few seconds and try again.';
    if (/removed/i.test(error.message)) return 'The host removed you from this game.';
    if (/reconnection token|disposed/i.test(error.message)) return 'Your seat in that game is gone (it ended, or you were away too long).';
    if (/no rooms found/i.test(error.message)) return 'No public game has room right now: host one!';
    if (/not found|invalid/i.test(error.message)) return 'This invite link is not valid, or the game has ended.';
    if (/locked|full/i.test(error.message)) return 'This game is full or locked by its host.';
    return `The lobby refused: ${error.message}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Could not reach the lobby (${message}).`;
}
