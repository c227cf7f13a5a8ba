import type { Match } from '../../session/match.js';
import type { NetOverlayInput } from './net-overlay-model.js';

/**
 * A peer's display name: the host's roster first (what everyone sees in the game), the lobby's
 * member list otherwise (a peer not placed yet); undefined for a stranger.
 */
export function peerName(match: Match, peerId: string): string | undefined {
  return match.players().find((player) => player.peerId === peerId)?.name ?? match.lobbyRoom.members.get(peerId)?.name;
}

/** What the net overlay reads from a match, once per refresh. */
export function overlayInput(match: Match): NetOverlayInput {
  return {
    selfId: match.selfId,
    role: match.role,
    status: match.status,
    host: match.hostClaim,
    links: match.linkStats(),
    replication: match.replicationStats,
    nameOf: (id) => peerName(match, id),
  };
}
