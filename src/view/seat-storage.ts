import { newPlayerKey } from '../net/lobby-client.js';
import { parsePlayerKey } from '../protocol/lobby-game.js';

const PLAYER_KEY = 'hostmesh.player';
const SEAT_KEY = 'hostmesh.seat';

/** This browser's player key, created once and kept in localStorage (see `parsePlayerKey`). */
export function playerKey(storage: Storage): string {
  const stored = storage.getItem(PLAYER_KEY);
  if (stored !== null && parsePlayerKey(stored).ok) return stored;
  const fresh = newPlayerKey();
  storage.setItem(PLAYER_KEY, fresh);
  return fresh;
}

/**
 * The reconnection token of this tab's seat. sessionStorage survives a reload but not a new tab,
 * so only the tab that held the seat can take it back within the lobby's grace period.
 */
export const seatToken = {
  read: (storage: Storage): string | undefined => storage.getItem(SEAT_KEY) ?? undefined,
  write: (storage: Storage, token: string): void => storage.setItem(SEAT_KEY, token),
  clear: (storage: Storage): void => storage.removeItem(SEAT_KEY),
};
