import type { LobbySession } from './lobby-client.js';
import type { PeerLink } from './peer-link.js';
import { MonitoredLink, type LinkStats, type MonitorOptions } from './monitored-link.js';
import { Emitter } from '../util/emitter.js';

/** How long a peer the lobby reports gone gets to answer on its link before it is declared gone. */
const MEMBER_LEFT_PROBE_MS = 400;

/** Builds a link to one remote member; `sendSignal` relays through the lobby to that member. */
export type LinkFactory = (remoteId: string, initiator: boolean, sendSignal: (data: string) => void) => PeerLink;

export interface MeshEvents extends Record<string, unknown> {
  'link-open': PeerLink;
  'link-closed': { readonly remoteId: string; readonly reason: string };
}

/**
 * Keeps one link to every other member of the room (a full mesh), so any peer could take over
 * as host. The newcomer initiates to everyone already present; members already present answer,
 * which avoids both sides offering at once. Every link is a MonitoredLink: a peer that goes
 * silent or says Bye is reported as `link-closed` like any other close.
 */
export class Mesh {
  readonly events = new Emitter<MeshEvents>();
  private readonly links = new Map<string, MonitoredLink>();
  private readonly unsubscribe: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly lobby: LobbySession,
    private readonly createLink: LinkFactory,
    /** Liveness and backpressure settings of every link. */
    private readonly monitor: MonitorOptions = {},
  ) {}

  /** Connects to the members present at join and starts answering newcomers. */
  start(): void {
    this.unsubscribe.push(
      this.lobby.events.on('signal', ({ from, data }) => {
        (this.links.get(from) ?? this.connect(from, false)).receiveSignal(data);
      }),
      // The lobby only sees its WebSocket: ask the link itself before giving up on the peer.
      this.lobby.events.on('member-left', ({ id }) => this.links.get(id)?.probe(MEMBER_LEFT_PROBE_MS)),
    );
    for (const member of this.lobby.welcome.members) {
      if (member.id !== this.lobby.selfId) this.connect(member.id, true);
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
    for (const off of this.unsubscribe) off();
    for (const link of [...this.links.values()]) link.close('mesh closed');
    this.events.clear();
  }

  private connect(remoteId: string, initiator: boolean): PeerLink {
    const transport = this.createLink(remoteId, initiator, (data) => this.lobby.sendSignal(remoteId, data));
    const link = new MonitoredLink(transport, this.monitor);
    this.links.set(remoteId, link);
    link.events.on('open', () => this.events.emit('link-open', link));
    link.events.on('close', ({ reason }) => {
      if (this.links.get(remoteId) === link) this.links.delete(remoteId);
      this.events.emit('link-closed', { remoteId, reason });
    });
    return link;
  }
}
