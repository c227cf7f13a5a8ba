import type { Emitter } from '../util/emitter.js';

/**
 * Which data channel a message travels on. Snapshots and inputs go unreliable and unordered (a
 * late snapshot is worthless, a retransmitted one delays the next); control messages go reliable
 * and ordered.
 */
export const Channel = {
  Unreliable: 'unreliable',
  Reliable: 'reliable',
} as const;
export type Channel = (typeof Channel)[keyof typeof Channel];

export type LinkState = 'connecting' | 'open' | 'closed';

export interface LinkEvents extends Record<string, unknown> {
  open: undefined;
  message: { readonly channel: Channel; readonly bytes: Uint8Array };
  close: { readonly reason: string };
}

/** Counters of traffic the link refused, so dropped input is visible rather than silent. */
export interface LinkDropCounters {
  /** Messages that were not binary or were larger than the link accepts. */
  malformed: number;
  /** Signaling payloads that could not be parsed. */
  badSignals: number;
}

/** How ICE reached the remote, per RTCIceCandidate.type: relay means through a TURN server. */
export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay' | 'unknown';

/** How our side reaches its TURN server, for a relayed link (getStats' `relayProtocol`). */
export type RelayProtocol = 'udp' | 'tcp' | 'tls';

/** The candidate pair ICE selected for a link, as getStats reports it. */
export interface SelectedCandidatePair {
  readonly local: CandidateType;
  readonly remote: CandidateType;
  /** Set when our side is the relay: UDP normally, TCP or TLS where a network blocks UDP. */
  readonly relayProtocol?: RelayProtocol;
}

/**
 * The path of a link in players' words: `same network` (host addresses on both sides), `direct
 * through NAT` (addresses found through STUN or learned from checks), or `relay` (through TURN,
 * with the protocol when our side relays).
 */
export function describePath(pair: SelectedCandidatePair): string {
  if (pair.local === 'relay' || pair.remote === 'relay') return pair.relayProtocol ? `relay (TURN over ${pair.relayProtocol.toUpperCase()})` : 'relay (TURN)';
  if (pair.local === 'host' && pair.remote === 'host') return 'same network';
  if (pair.local === 'unknown' || pair.remote === 'unknown') return 'direct';
  return 'direct through NAT';
}

/**
 * A connection to one remote peer, identified by its lobby session id. The rest of the engine
 * talks to this interface only, so the transport (simple-peer over WebRTC, or an in-memory link
 * in tests) can be swapped. Contract: `message` events never fire before `open`; a message that
 * arrives earlier is held and delivered right after `open`, so a handler attached on `open`
 * misses nothing.
 */
export interface PeerLink {
  readonly remoteId: string;
  readonly state: LinkState;
  readonly events: Emitter<LinkEvents>;
  readonly drops: Readonly<LinkDropCounters>;
  /** Sends one message; returns false (and sends nothing) when the link is not open. */
  send(channel: Channel, bytes: Uint8Array): boolean;
  /**
   * Bytes accepted by `send` on this channel but not yet handed to the network. Senders check
   * it to drop stale unreliable messages instead of queueing them behind a congested link.
   */
  bufferedAmount(channel: Channel): number;
  /** The selected ICE candidate pair; undefined when the link has none (in-memory, or not yet). */
  selectedCandidatePair(): Promise<SelectedCandidatePair | undefined>;
  /** Feeds a signaling payload relayed by the lobby from the remote peer. */
  receiveSignal(data: string): void;
  /**
   * Only transports that can find a new path to the same peer have it (WebRTC: an ICE restart):
   * the link went quiet, maybe because our network or theirs changed; look for a path again
   * without closing the link. Absent (in-memory links), a quiet link is simply declared gone.
   */
  restartIce?(): void;
  /** Closes both channels and the connection; idempotent. */
  close(reason?: string): void;
}
