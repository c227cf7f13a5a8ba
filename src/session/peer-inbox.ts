import { Channel, type PeerLink } from '../net/peer-link.js';
import {
  decodePeerMessage,
  encodePeerMessage,
  PeerMessageType,
  type PeerMessage,
} from '../protocol/peer-messages.js';
import { PROTOCOL_VERSION } from '../protocol/version.js';
import type { HostClaim } from './host-election.js';

/** Counts of peer traffic that was refused, shown in debug tools and asserted in tests. */
export interface InboxCounters {
  /** Bytes that did not decode into a valid peer message. */
  malformed: number;
  /** Valid messages from a peer not entitled to send them (e.g. a snapshot from a non-host). */
  unauthorized: number;
}

export type PeerMessageHandler = (link: PeerLink, message: PeerMessage) => void;

/** Where a peer's Follow (the reign it follows) goes: the match keeps them, whatever our role. */
export type FollowHandler = (from: string, claim: HostClaim) => void;

/**
 * Wires a link into a session: sends our hello, checks the remote's protocol version, decodes
 * every message exactly once and drops (and counts) what does not parse, so nothing malformed
 * reaches the game loop. Returns the function that detaches the session again (a peer that
 * changes role hands its links from one session to the next).
 */
/** Who we say we are on every link: our name, and the game we run. */
export interface HelloIdentity {
  readonly name: string;
  /** ReplicatedGame.fingerprint of our game definition. */
  readonly game: string;
}

export function attachPeerInbox(
  link: PeerLink,
  self: HelloIdentity,
  counters: InboxCounters,
  handle: PeerMessageHandler,
  onFollow: FollowHandler = () => undefined,
): () => void {
  const detach = link.events.on('message', ({ bytes }) => {
    const decoded = decodePeerMessage(bytes);
    if (!decoded.ok) {
      counters.malformed += 1;
      return;
    }
    const message = decoded.value;
    // Chat is not the session's business: src/social/chat-channel.ts reads it from the link itself.
    if (message.type === PeerMessageType.Chat) return;
    if (message.type === PeerMessageType.Follow) {
      onFollow(link.remoteId, { hostId: message.hostId, epoch: message.epoch });
      return;
    }
    if (message.type === PeerMessageType.Hello && message.protocolVersion !== PROTOCOL_VERSION) {
      link.close(`peer speaks protocol ${message.protocolVersion}, we speak ${PROTOCOL_VERSION}`);
      return;
    }
    // Same protocol, another build of the game (a tab left open across a deploy): its snapshots
    // would decode into nonsense, so neither side reads the other's.
    if (message.type === PeerMessageType.Hello && message.game !== self.game) {
      link.close(`peer runs another version of this game (definition ${message.game}, ours ${self.game}): reload the page`);
      return;
    }
    handle(link, message);
  });
  sayHello(link, self);
  return detach;
}

/**
 * Introduces us on a link (protocol version, name, game). A host answers with its roster, so a
 * client that starts following a host whose first roster it did not take says hello again.
 */
export function sayHello(link: PeerLink, self: HelloIdentity): void {
  sendMessage(link, Channel.Reliable, { type: PeerMessageType.Hello, protocolVersion: PROTOCOL_VERSION, name: self.name, game: self.game });
}

/** Encodes and sends one message; false when the link could not take it. */
export function sendMessage(link: PeerLink, channel: Channel, message: PeerMessage): boolean {
  return link.send(channel, encodePeerMessage(message));
}

/** Encodes once and sends the same bytes to every link. */
export function broadcastMessage(links: Iterable<PeerLink>, channel: Channel, message: PeerMessage): void {
  const bytes = encodePeerMessage(message);
  for (const link of links) link.send(channel, bytes);
}
