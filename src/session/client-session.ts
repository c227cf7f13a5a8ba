import { Channel, type PeerLink } from '../net/peer-link.js';
import { PeerMessageType, type PeerMessage, type RosterEntry } from '../protocol/peer-messages.js';
import { InputHistory } from '../replication/input-history.js';
import { sampleBuffer } from '../replication/interpolation.js';
import { SnapshotBuffer } from '../replication/snapshot-buffer.js';
import { snapshotFromMessage, type RenderPlayer } from '../replication/snapshot.js';
import { TickEstimator } from '../replication/tick-estimator.js';
import { TICK_SECONDS } from '../sim/world.js';
import type { Clock } from '../time/clock.js';
import { attachPeerInbox, sendMessage, type InboxCounters } from './peer-inbox.js';

export interface ClientSessionOptions {
  readonly selfId: string;
  readonly selfName: string;
  /** The lobby's host: the only peer whose snapshots and rosters are accepted. */
  readonly hostId: string;
  readonly clock: Clock;
  readonly localButtons: () => number;
  /** How far behind the host's newest tick to render, in ticks (7 ≈ 117 ms ≈ 2.3 snapshots). */
  readonly interpolationDelayTicks?: number;
  /** Input packets per second. */
  readonly inputRate?: number;
}

const TICK_MS = TICK_SECONDS * 1000;

/**
 * A non-host player: sends its inputs to the host, keeps the host's snapshots in a buffer and
 * renders them a little in the past, interpolating between the two that surround that moment.
 */
export class ClientSession {
  readonly counters: InboxCounters = { malformed: 0, unauthorized: 0 };
  private readonly buffer = new SnapshotBuffer();
  private readonly estimator = new TickEstimator(TICK_MS);
  private readonly inputs = new InputHistory();
  private readonly delayTicks: number;
  private readonly inputIntervalMs: number;
  private hostLink: PeerLink | undefined;
  private lastInputAt = -Infinity;
  private currentRoster: readonly RosterEntry[] = [];

  constructor(private readonly options: ClientSessionOptions) {
    this.delayTicks = options.interpolationDelayTicks ?? 7;
    this.inputIntervalMs = 1000 / (options.inputRate ?? 30);
  }

  /** Starts talking to a newly opened link (the host's, or another client's in the mesh). */
  addLink(link: PeerLink): void {
    if (link.remoteId === this.options.hostId) this.hostLink = link;
    attachPeerInbox(link, this.options.selfName, this.counters, (from, message) => this.receive(from, message));
  }

  /** True while the link to the host is open. */
  get connectedToHost(): boolean {
    return this.hostLink?.state === 'open';
  }

  get roster(): readonly RosterEntry[] {
    return this.currentRoster;
  }

  /** Sends an input packet when one is due. */
  update(): void {
    const now = this.options.clock.now();
    if (!this.hostLink || now - this.lastInputAt < this.inputIntervalMs) return;
    this.lastInputAt = now;
    const ackTick = this.buffer.newest?.tick ?? -1;
    sendMessage(this.hostLink, Channel.Unreliable, this.inputs.record(this.options.localButtons(), ackTick));
  }

  /** Where every player should be drawn now. */
  renderPlayers(): RenderPlayer[] {
    const hostTick = this.estimator.hostTickAt(this.options.clock.now());
    if (hostTick === undefined) return [];
    return sampleBuffer(this.buffer, hostTick - this.delayTicks);
  }

  private receive(link: PeerLink, message: PeerMessage): void {
    const fromHost = link.remoteId === this.options.hostId;
    switch (message.type) {
      case PeerMessageType.Hello:
        return;
      case PeerMessageType.Snapshot:
        if (!fromHost) break;
        this.estimator.observe(message.tick, this.options.clock.now());
        this.buffer.insert(snapshotFromMessage(message));
        return;
      case PeerMessageType.Roster:
        if (!fromHost) break;
        this.currentRoster = message.players;
        return;
      case PeerMessageType.Input:
        break;
    }
    this.counters.unauthorized += 1;
  }
}
