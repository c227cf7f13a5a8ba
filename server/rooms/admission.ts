import { ServerError } from '@colyseus/core';
import { MAX_SPECTATORS } from '../../src/protocol/player-count.js';
import type { JoinOptions } from '../../src/protocol/lobby-messages.js';
import { LOBBY_REFUSAL_STATUS, refusalText, type LobbyRefusalCode } from '../../src/protocol/lobby-refusal.js';
import type { MemberRoster } from './member-roster.js';

/** Why a join was refused: its stable code (lobby-refusal.ts) and a sentence. */
export interface Refusal {
  readonly code: LobbyRefusalCode;
  readonly reason: string;
}

/** The error Colyseus answers a refused matchmaking call with: the code's status, the code in the message. */
export function refusalError({ code, reason }: Refusal): ServerError {
  return new ServerError(LOBBY_REFUSAL_STATUS[code], refusalText(code, reason));
}

/**
 * `new`: a new member. `retake`: the same peer (same id, same browser key) comes back by code
 * instead of by reconnection token and takes over its own seat: after its socket dropped (e.g. its
 * token was lost), or while the lobby still believes that socket alive. A network change (Wi-Fi
 * to cellular, a NAT's new address) kills a TCP connection without a word, and the lobby would
 * notice only when its pings time out, seconds during which the peer's signals could not reach
 * anyone: its ICE restarts need the lobby at once.
 */
export type Admission = 'new' | 'retake';

/**
 * Decides whether `options` (whose browser key has the tag `keyTag`) may enter a room with this
 * roster: kicked browsers stay out, a peer id is unique in the room and belongs to the browser
 * that first held it (also after it left), a locked game admits only its own peers coming back, players fit within
 * `maxPlayers`, spectators within MAX_SPECTATORS and only while someone plays. The host's lock is
 * enforced here rather than with Colyseus's room lock, which would refuse every join by code, the
 * game's own peers re-entering after a lobby restart included.
 */
export function admit(roster: MemberRoster, options: JoinOptions, keyTag: string, game: { readonly maxPlayers: number; readonly locked: boolean }): Admission | Refusal {
  const { maxPlayers, locked } = game;
  if (roster.isBanned(options.playerKey)) return { code: 'kicked', reason: 'you were removed from this game' };
  const existing = roster.get(options.peerId);
  if (existing) {
    if (existing.playerKey === options.playerKey && existing.spectator === options.spectate) return 'retake';
    return { code: 'id-taken', reason: `peer id ${options.peerId} is already in this game` };
  }
  const owner = roster.ownerOf(options.peerId);
  if (owner !== undefined && owner !== keyTag) return { code: 'id-owned', reason: `peer id ${options.peerId} belongs to another player of this game` };
  // The creator enters an empty room; after a lobby restart, the peers of the game re-enter it.
  if (locked && roster.size > 0 && !roster.isRanked(options.peerId)) return { code: 'locked', reason: 'this game is locked by its host' };
  if (options.spectate) {
    // Not a bad request: in a re-created room the players may simply not be back yet.
    if (roster.hostId === undefined) return { code: 'not-yet', reason: 'nobody is playing this game yet' };
    if (roster.spectators >= MAX_SPECTATORS) return { code: 'spectators-full', reason: 'this game is full of spectators' };
  } else if (roster.players >= maxPlayers) {
    return { code: 'full', reason: 'this game is full' };
  }
  return 'new';
}
