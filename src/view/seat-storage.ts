import { newPlayerKey } from '../net/lobby-client.js';
import { parsePlayerKey } from '../protocol/lobby-game.js';
import { isPeerId } from '../protocol/peer-id.js';

const PLAYER_KEY = 'hostmesh.player';
const SEAT_KEY = 'hostmesh.seat';
const SEAT_PEER_KEY = 'hostmesh.seat.peer';

/** This browser's player key, created once and kept in localStorage (see `parsePlayerKey`). */
export function playerKey(storage: Storage): string {
  const stored = storage.getItem(PLAYER_KEY);
  if (stored !== null && parsePlayerKey(stored).ok) return stored;
  const fresh = newPlayerKey();
  storage.setItem(PLAYER_KEY, fresh);
  return fresh;
}

/**
 * The reconnection token and peer id of this tab's seat. sessionStorage survives a reload but not
 * a new tab, so only the tab that held the seat can take it back within the lobby's grace period,
 * and it comes back under the same peer id (the match knows it by that id).
 */
export const seatToken = {
  read: (storage: Storage): string | undefined => storage.getItem(SEAT_KEY) ?? undefined,
  /** The peer id of the seat, as entry options (empty when none or malformed: a fresh id is drawn). */
  peer: (storage: Storage): { peerId?: string } => {
    const peerId = storage.getItem(SEAT_PEER_KEY);
    return isPeerId(peerId) ? { peerId } : {};
  },
  write: (storage: Storage, token: string, peerId: string): void => {
    storage.setItem(SEAT_KEY, token);
    storage.setItem(SEAT_PEER_KEY, peerId);
  },
  clear: (storage: Storage): void => {
    storage.removeItem(SEAT_KEY);
    storage.removeItem(SEAT_PEER_KEY);
  },
};
