import { isIntInRange, isRecord } from '../protocol/guards.js';
import { MAX_EPOCH } from '../protocol/epoch.js';
import type { Recollection } from '../session/authority-contract.js';
import { MAX_ORDER, newPlayerKey, parsePlayerKey } from '../protocol/lobby-game.js';
import { isPeerId } from '../protocol/peer-id.js';

const PLAYER_KEY = 'hostmesh.player';
const SEAT_KEY = 'hostmesh.seat';
const SEAT_PEER_KEY = 'hostmesh.seat.peer';
const SEAT_SPECTATOR_KEY = 'hostmesh.seat.spectator';
const RECOLLECTION_KEY = 'hostmesh.seat.recollection';

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
  /**
   * The peer id of the seat and whether it watched, as entry options (empty when none or
   * malformed: a fresh id is drawn). Should the token be no good, the page enters by code as
   * this same peer, watching again if it watched.
   */
  peer: (storage: Storage): { peerId?: string; spectate?: boolean } => {
    const peerId = storage.getItem(SEAT_PEER_KEY);
    return isPeerId(peerId) ? { peerId, spectate: storage.getItem(SEAT_SPECTATOR_KEY) === 'true' } : {};
  },
  write: (storage: Storage, token: string, peerId: string, spectator: boolean): void => {
    storage.setItem(SEAT_KEY, token);
    storage.setItem(SEAT_PEER_KEY, peerId);
    storage.setItem(SEAT_SPECTATOR_KEY, String(spectator));
  },
  clear: (storage: Storage): void => {
    storage.removeItem(SEAT_KEY);
    storage.removeItem(SEAT_PEER_KEY);
    storage.removeItem(SEAT_SPECTATOR_KEY);
  },
};

/**
 * What the page knew of the game when it went away (see `Match.recollection`): a reloaded page
 * elects like the peers it left instead of trusting whoever claims to host. Kept beside the seat
 * in sessionStorage; a malformed entry is ignored.
 */
export const recollection = {
  read: (storage: Storage): { recollection?: Recollection } => {
    const parsed = parseRecollection(storage.getItem(RECOLLECTION_KEY));
    return parsed ? { recollection: parsed } : {};
  },
  write: (storage: Storage, value: Recollection | undefined): void => {
    if (value) storage.setItem(RECOLLECTION_KEY, JSON.stringify(value));
    else storage.removeItem(RECOLLECTION_KEY);
  },
};

function parseRecollection(text: string | null): Recollection | undefined {
  if (text === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !isRecord(value['reign']) || !Array.isArray(value['players'])) return undefined;
  const { hostId, epoch } = value['reign'];
  const players = value['players'].filter(isPeerId);
  if (!isPeerId(hostId) || !isIntInRange(epoch, 0, MAX_EPOCH) || players.length > MAX_ORDER || players.length !== value['players'].length) return undefined;
  return { reign: { hostId, epoch }, players };
}
