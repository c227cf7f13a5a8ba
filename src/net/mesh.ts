import type { LobbySession } from './lobby-client.js';
import type { PeerLink } from './peer-link.js';
import { MonitoredLink, type LinkStats, type MonitorOptions } from './monitored-link.js';
import { Emitter } from '../util/emitter.js';

/** `<incarnation>:<signal>`: 8 hex digits, a colon, then the link's own signal payload. */
const SIGNAL_ENVELOPE = /^([0-9a-f]{8}):([\s\S]*)$/;

/** A random incarnation: from `random` when a simulation injects one, else the system's. */
function randomIncarnation(random: (() => number) | undefined): string {
  const value = random ? Math.floor(random() * 0x1_0000_0000) : (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0);
  return value.toString(16).padStart(8, '0');
}

/** How long a peer the lobby reports gone gets to answer on its link before it is declared gone. */
const MEMBER_LEFT_PROBE_MS = 400;

/** Builds a link to one remote member; `sendSignal` relays through the lobby to that member. */
export type LinkFactory = (remoteId: string, initiator: boolean, sendSignal: (data: string) => void) => PeerLink;

export interface MeshEvents extends Record<string, unknown> {
  'link-open': PeerLink;
  /** `opened` is false for a link that never connected (its reason says why). */
  'link-closed': { readonly remoteId: string; readonly reason: string; readonly opened: boolean };
}

/**
 * What modules beside the session see of the mesh (chat, voice, the net overlay): the open links
 * and news of links opening and closing, without the power to close or emit anything.
 */
export interface MeshLinks {
  openLinks(): PeerLink[];
  stats(): LinkStats[];
  readonly events: Pick<Emitter<MeshEvents>, 'on'>;
}

/**
 * Keeps one link to every other member of the room (a full mesh), so any peer could take over
 * as host. The newcomer initiates to everyone already present; members already present answer,
 * which avoids both sides offering at once. Every link is a MonitoredLink: a peer that goes
 * silent or says Bye is reported as `link-closed` like any other close.
 */
export class Mesh implements MeshLinks {
  readonly events = new Emitter<MeshEvents>();
  private readonly links = new Map<string, MonitoredLink>();
  private readonly unsubscribe: (() => void)[] = [];
  /** This mesh's incarnation: random per page load, prefixed to every signal it sends. */
  private readonly incarnation: string;
  private readonly remoteIncarnations = new Map<string, string>();
  /** Relayed signals without a valid incarnation prefix, dropped. */
  badSignals = 0;
  private closed = false;

  constructor(
    private readonly lobby: LobbySession,
    private readonly createLink: LinkFactory,
    /** Liveness and backpressure settings of every link. */
    private readonly monitor: MonitorOptions = {},
    random?: () => number,
  ) {
    this.incarnation = randomIncarnation(random);
  }

  /** Connects to the members present at join and starts answering newcomers. */
  start(): void {
    this.unsubscribe.push(
      this.lobby.events.on('signal', ({ from, data }) => this.receiveSignal(from, data)),
      // The lobby only sees its WebSocket: ask the link itself before giving up on the peer.
      this.lobby.events.on('member-left', ({ id }) => this.links.get(id)?.probe(MEMBER_LEFT_PROBE_MS)),
      // Back in the room after a lobby restart: someone may have joined while we were out, and
      // we are the later arrival for them, so we offer (links that survived are left alone).
      this.lobby.events.on('reattached', () => this.connectMissing()),
    );
    this.connectMissing();
  }

  /** Offers a link to every member of the latest welcome we have no link to. */
  private connectMissing(): void {
    for (const member of this.lobby.welcome.members) {
      if (member.id !== this.lobby.selfId && !this.links.has(member.id)) this.connect(member.id, true);
    }
  }

  /** The link to `remoteId`, if one exists and is not closed. */
  link(remoteId: string): PeerLink | undefined {
    return this.links.get(remoteId);
  }

  /** Every link that is open right now. */
  openLinks(): PeerLink[] {
    return [...this.links.values()].filter((link) => link.state === 'open');
  }

  /** Health and traffic of every link that is open right now. */
  stats(): LinkStats[] {
    return [...this.links.values()].filter((link) => link.state === 'open').map((link) => link.stats());
  }

  /** Closes every link and stops listening to the lobby. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Our own closing is nobody's news: the links' close events must not reach the match.
    this.events.clear();
    for (const off of this.unsubscribe) off();
    for (const link of [...this.links.values()]) link.close('mesh closed');
  }

  /**
   * Routes a relayed signal to its link. Signals carry the sender's incarnation (one per page
   * load): a peer that reloads keeps its lobby id, so without it a fresh offer would land in the
   * old, not yet closed link. A new incarnation replaces the old link.
   */
  private receiveSignal(from: string, data: string): void {
    const envelope = SIGNAL_ENVELOPE.exec(data);
    if (!envelope) {
      this.badSignals += 1;
      return;
    }
    const [, incarnation = '', signal = ''] = envelope;
    const existing = this.links.get(from);
    const known = this.remoteIncarnations.get(from);
    if (existing && known !== undefined && known !== incarnation) existing.close('the peer reconnected');
    this.remoteIncarnations.set(from, incarnation);
    (this.links.get(from) ?? this.connect(from, false)).receiveSignal(signal);
  }

  private connect(remoteId: string, initiator: boolean): PeerLink {
    if (initiator) this.remoteIncarnations.delete(remoteId);
    const transport = this.createLink(remoteId, initiator, (data) => this.lobby.sendSignal(remoteId, `${this.incarnation}:${data}`));
    const link = new MonitoredLink(transport, this.monitor);
    this.links.set(remoteId, link);
    let opened = false;
    link.events.on('open', () => {
      opened = true;
      this.events.emit('link-open', link);
    });
    link.events.on('close', ({ reason }) => {
      if (this.links.get(remoteId) === link) {
        this.links.delete(remoteId);
        this.remoteIncarnations.delete(remoteId);
      }
      this.events.emit('link-closed', { remoteId, reason, opened });
    });
    return link;
  }
}
