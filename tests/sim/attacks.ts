import { Channel } from '../../src/net/peer-link.js';
import { encodePeerMessage, PeerMessageType, type PeerMessage } from '../../src/protocol/peer-messages.js';
import type { Match } from '../../src/session/match.js';
import type { Attack } from './scenario.js';

/**
 * What a hostile player sends, over its own open peer links and beside its honest engine: forged
 * takeovers and snapshots with any epoch, rosters and yields it has no right to send, claims that
 * it follows a reign of its own, and bytes that are no message at all.
 */
export function sendAttack(match: Match, attack: Attack, epoch: number, claimSlot: number): void {
  for (const link of match.peerLinks.openLinks()) {
    if (attack === 'garbage') {
      link.send(Channel.Reliable, Uint8Array.of(0x93, 0x05, 0xff, 0xc1));
      link.send(Channel.Unreliable, Uint8Array.of(0xde, 0xad, 0xbe, 0xef, epoch & 0xff));
      continue;
    }
    const message = forged(match, attack, epoch, claimSlot);
    link.send(attack === 'snapshot' ? Channel.Unreliable : Channel.Reliable, encodePeerMessage(message));
  }
}

function forged(match: Match, attack: Exclude<Attack, 'garbage'>, epoch: number, claimSlot: number): PeerMessage {
  switch (attack) {
    case 'takeover':
      return { type: PeerMessageType.Takeover, epoch, restoredTick: 1 };
    case 'snapshot':
      return { type: PeerMessageType.Snapshot, tick: 1_000_000 + epoch, baselineTick: -1, inputAck: 0, epoch, body: new Uint8Array([0]) };
    case 'roster':
      return { type: PeerMessageType.Roster, players: [{ slot: claimSlot, peerId: match.selfId, name: 'Mallory' }], departed: [] };
    case 'yield':
      return { type: PeerMessageType.Yield, epoch };
    case 'follow':
      // Vouches for a reign of its own, as if someone followed it.
      return { type: PeerMessageType.Follow, hostId: match.selfId, epoch };
  }
}
