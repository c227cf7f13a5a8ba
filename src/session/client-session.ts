import { Channel, type PeerLink } from '../net/peer-link.js';
import { PeerMessageType, type PeerMessage, type RosterEntry, type SnapshotMessage } from '../protocol/peer-messages.js';
import type { Entity } from '../game/definition.js';
import type { ReplicatedGame } from '../game/replicated-game.js';
import { TICK_MS } from '../game/tick.js';
import { InputHistory } from '../replication/input-history.js';
import { entityBlend, sampleBuffer, type EntityBlend } from '../replication/interpolation.js';
import { PlayerPredictor } from '../replication/prediction.js';
import { SnapshotBuffer } from '../replication/snapshot-buffer.js';
import type { QuantizedState } from '../replication/quantized-state.js';
import { SnapshotReceiver } from '../replication/snapshot-receiver.js';
import { TickEstimator } from '../replication/tick-estimator.js';
import type { Clock } from '../time/clock.js';
import { FixedStepAccumulator } from '../time/fixed-step.js';
import { supersedes, type HostClaim } from './host-election.js';
import { attachPeerInbox, sendMessage, type InboxCounters } from './peer-inbox.js';

export interface ClientSessionOptions<State> {
  readonly selfId: string;
  readonly selfName: string;
  /** The host at join (the lobby's host flag): the only peer whose snapshots are accepted. */
  readonly hostId: string;
  /** Members in the order they joined: decides between rival host claims of one epoch. */
  readonly joinOrder: () => readonly string[];
  /** The host we follow stepped down (Yield): the match elects a successor without it. */
  readonly onHostYield?: (hostId: string, epoch: number) => void;
  /** The reign of `hostId` (0 at join; higher after a host change). */
  readonly epoch?: number;
  readonly clock: Clock;
  readonly game: ReplicatedGame<State>;
  /** Our own player's input right now (keys, aim). */
  readonly localInput: () => number;
  /** Watching only: no prediction; input packets carry acknowledgements, never a move. */
  readonly spectator?: boolean;
  /** Send an input packet every this many ticks (2 at 60 Hz = 30 packets per second). */
  readonly inputEveryTicks?: number;
}

/** Interpolation delay bounds in ticks: at least ~2 snapshot intervals, at most 1/3 s. */
const MIN_DELAY_TICKS = 6;
const MAX_DELAY_TICKS = 20;
/**
 * Without snapshots for this long the host may be gone: our own player holds still (as everyone
 * else sees it), so a successor's correction stays small.
 */
const HOST_SILENT_MS = 250;
/** Snapshots whose input ack is remembered for a takeover: 1.6 s at 20 per second. */
const INPUT_ACK_MEMORY = 32;

/** What the net overlay and tests read about a client's replication. */
export interface ClientReplicationStats {
  snapshots: number;
  /** Snapshots that could not be decoded (baseline missing, malformed body). */
  undecodable: number;
  interpolationDelayTicks: number;
  /** The host tick the other players were last drawn at (−1 before the first snapshot). */
  renderTick: number;
  predictionCorrection: number;
  /** Body bytes of the newest snapshot decoded (net overlay). */
  snapshotBytes: number;
}

/**
 * A non-host player. Every tick it samples its input, predicts its own player at once, and every
 * few ticks sends the recent inputs (with the newest snapshot tick it holds as acknowledgement).
 * Snapshots from the host are decoded against the acknowledged baseline; other players are drawn
 * a little in the past, interpolated, with a delay that grows with measured jitter.
 */
export class ClientSession<State> {
  readonly counters: InboxCounters = { malformed: 0, unauthorized: 0 };
  readonly stats: ClientReplicationStats = {
    snapshots: 0,
    undecodable: 0,
    interpolationDelayTicks: MIN_DELAY_TICKS,
    renderTick: -1,
    predictionCorrection: 0,
    snapshotBytes: 0,
  };
  private readonly blend: EntityBlend;
  private readonly buffer = new SnapshotBuffer();
  private readonly estimator = new TickEstimator(TICK_MS);
  private readonly inputs = new InputHistory();
  private readonly predictor: PlayerPredictor | undefined;
  /** Our own entity as the newest snapshot had it: prediction moves its position only. */
  private selfEntity: Entity | undefined;
  private readonly accumulator: FixedStepAccumulator;
  private readonly inputEveryTicks: number;
  private readonly links = new Map<string, { link: PeerLink; detach: () => void }>();
  private claim: HostClaim;
  private receiver: SnapshotReceiver;
  /** Between losing a host and the first snapshot of the next: our own player holds still. */
  private migrating = false;
  /** The input ack each recent snapshot carried, by tick: answered in a Resume after a takeover. */
  private readonly inputAckByTick = new Map<number, number>();
  private currentRoster: readonly RosterEntry[] = [];
  private lastUpdate: number;
  private lastSnapshotAt: number | undefined;

  constructor(private readonly options: ClientSessionOptions<State>) {
    this.blend = entityBlend(options.game.schema);
    this.receiver = new SnapshotReceiver(options.game.schema);
    this.claim = { hostId: options.hostId, epoch: options.epoch ?? 0 };
    const predict = options.spectator === true ? undefined : options.game.definition.predict;
    this.predictor = predict && new PlayerPredictor((position, input) => predict({ ...this.selfEntity, id: this.slot ?? 0, x: position.x, y: position.y }, input));
    this.accumulator = new FixedStepAccumulator(options.clock, TICK_MS);
    this.inputEveryTicks = options.inputEveryTicks ?? 2;
    this.lastUpdate = options.clock.now();
  }

  /** Starts talking to an open link (the host's, or another client's, any of which may host later). */
  addLink(link: PeerLink): void {
    const detach = attachPeerInbox(link, this.options.selfName, this.counters, (from, message) => this.receive(from, message));
    this.links.set(link.remoteId, { link, detach });
  }

  /** Forgets a closed link. */
  removeLink(remoteId: string): void {
    this.links.get(remoteId)?.detach();
    this.links.delete(remoteId);
  }

  /** Stops serving every link (this peer is taking over as host). */
  dispose(): void {
    for (const { detach } of this.links.values()) detach();
    this.links.clear();
  }

  /** True while the link to the host is open. */
  get connectedToHost(): boolean {
    return this.hostLink?.state === 'open';
  }

  /** Who we follow as host, and in which reign. */
  get host(): HostClaim {
    return this.claim;
  }

  /** True between losing a host and hearing from the next one. */
  get isMigrating(): boolean {
    return this.migrating;
  }

  /**
   * The host is gone: hold our own player still (nobody applies our inputs now) until the next
   * host is heard from. `next` is who the election chose, expected to reign in `epoch`.
   */
  hostLost(next: HostClaim): void {
    this.migrating = true;
    this.follow(next);
  }

  /** The newest world we decoded: where we resume from if we take over. */
  get newestState(): QuantizedState | undefined {
    return this.receiver.newestState;
  }

  /** The host tick it is now, by our estimate (a successor continues the timeline from it). */
  get estimatedHostTick(): number | undefined {
    const tick = this.estimator.hostTickAt(this.options.clock.now());
    return tick === undefined ? undefined : Math.floor(tick);
  }


  /**
   * Everyone, ourselves included, as every peer draws them now: interpolated in the past and,
   * when snapshots stop, extrapolated for a bounded time. A successor host resumes from this
   * view, so no one sees a jump (its own prediction may differ; only its own view corrects).
   */
  sharedView(): Entity[] {
    const hostTick = this.estimator.hostTickAt(this.options.clock.now());
    if (hostTick === undefined) return [];
    const delay = Math.min(MAX_DELAY_TICKS, Math.max(MIN_DELAY_TICKS, 4 + 2 * this.estimator.jitterTicks));
    this.stats.interpolationDelayTicks = delay;
    this.stats.renderTick = hostTick - delay;
    return sampleBuffer(this.buffer, this.stats.renderTick, this.blend);
  }

  private get hostLink(): PeerLink | undefined {
    return this.links.get(this.claim.hostId)?.link;
  }

  get roster(): readonly RosterEntry[] {
    return this.currentRoster;
  }

  /** Samples input and predicts for every tick that is due; sends input packets on schedule. */
  update(): void {
    const now = this.options.clock.now();
    this.predictor?.fade(now - this.lastUpdate);
    this.lastUpdate = now;
    this.stats.predictionCorrection = this.predictor?.correction ?? 0;
    const steps = this.accumulator.due();
    const hostSilent = this.lastSnapshotAt !== undefined && now - this.lastSnapshotAt > HOST_SILENT_MS;
    if (this.migrating || hostSilent) return;
    for (let i = 0; i < steps; i += 1) {
      const input = this.options.spectator === true ? 0 : this.options.localInput();
      const seq = this.inputs.record(input);
      this.predictor?.advance(input);
      if (seq % this.inputEveryTicks !== 0 || !this.hostLink) continue;
      const packet = this.inputs.packet(this.receiver.ackTick, Math.max(-1, Math.floor(this.stats.renderTick)));
      if (packet) sendMessage(this.hostLink, Channel.Unreliable, packet);
    }
  }

  /** Every entity as it should be drawn now: others interpolated, our own player predicted. */
  renderEntities(): Entity[] {
    const entities = this.sharedView();
    const selfSlot = this.slot;
    const predicted = this.predictor?.position;
    if (selfSlot === undefined || !predicted) return entities;
    return entities.map((entity) => (entity.id === selfSlot ? { ...entity, x: predicted.x, y: predicted.y } : entity));
  }

  /** Our own slot, once the host's roster has named it. */
  get slot(): number | undefined {
    return this.currentRoster.find((entry) => entry.peerId === this.options.selfId)?.slot;
  }

  private receive(link: PeerLink, message: PeerMessage): void {
    switch (message.type) {
      case PeerMessageType.Hello:
        return;
      case PeerMessageType.Snapshot:
        if (!this.accepts({ hostId: link.remoteId, epoch: message.epoch })) break;
        this.takeSnapshot(message);
        return;
      case PeerMessageType.Takeover:
        if (!this.accepts({ hostId: link.remoteId, epoch: message.epoch })) break;
        sendMessage(link, Channel.Reliable, {
          type: PeerMessageType.Resume,
          epoch: message.epoch,
          inputAck: this.inputAckAt(message.restoredTick),
        });
        return;
      case PeerMessageType.Roster:
        if (link.remoteId !== this.claim.hostId) break;
        this.currentRoster = message.players;
        return;
      case PeerMessageType.Yield:
        if (link.remoteId !== this.claim.hostId || message.epoch !== this.claim.epoch) break;
        this.options.onHostYield?.(link.remoteId, message.epoch);
        return;
      case PeerMessageType.Input:
      case PeerMessageType.Resume:
        break;
    }
    this.counters.unauthorized += 1;
  }

  /** True for the host we follow; a rival claim that supersedes it becomes the host we follow. */
  private accepts(claim: HostClaim): boolean {
    if (claim.hostId === this.claim.hostId && claim.epoch === this.claim.epoch) return true;
    if (!supersedes(claim, this.claim, this.options.joinOrder())) return false;
    this.follow(claim);
    return true;
  }

  private follow(claim: HostClaim): void {
    if (claim.hostId === this.claim.hostId && claim.epoch === this.claim.epoch) return;
    this.claim = claim;
    // Baselines belong to the host that sent them: the next host starts with a full snapshot.
    this.receiver = new SnapshotReceiver(this.options.game.schema);
  }

  /** Our input ack at `tick` as the previous host reported it (the nearest older one we heard). */
  private inputAckAt(tick: number): number {
    let best = -1;
    let bestTick = -1;
    for (const [seen, ack] of this.inputAckByTick) {
      if (seen <= tick && seen > bestTick) {
        best = ack;
        bestTick = seen;
      }
    }
    return best;
  }

  private rememberInputAck(tick: number, inputAck: number): void {
    this.inputAckByTick.set(tick, inputAck);
    if (this.inputAckByTick.size > INPUT_ACK_MEMORY) {
      const oldest = Math.min(...this.inputAckByTick.keys());
      this.inputAckByTick.delete(oldest);
    }
  }

  private takeSnapshot(message: SnapshotMessage): void {
    const newestBefore = this.receiver.ackTick;
    const decoded = this.receiver.receive(message.tick, message.baselineTick, message.body);
    if (!decoded.ok) {
      this.stats.undecodable += 1;
      return;
    }
    this.stats.snapshots += 1;
    this.stats.snapshotBytes = message.body.byteLength;
    this.migrating = false;
    this.lastSnapshotAt = this.options.clock.now();
    this.rememberInputAck(message.tick, message.inputAck);
    const snapshot = this.options.game.snapshot(decoded.value);
    this.estimator.observe(message.tick, this.options.clock.now());
    this.buffer.insert(snapshot);
    const selfSlot = this.slot;
    const self = selfSlot === undefined ? undefined : snapshot.entities.get(selfSlot);
    // Only the newest snapshot corrects the prediction; a late one carries older truth.
    if (!self || message.tick <= newestBefore) return;
    this.selfEntity = self;
    this.predictor?.reconcile(self, message.inputAck, this.inputs);
  }
}
