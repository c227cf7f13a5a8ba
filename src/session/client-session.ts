import { Channel, type PeerLink } from '../net/peer-link.js';
import { PeerMessageType, type DepartedEntry, type PeerMessage, type RosterEntry, type SnapshotMessage } from '../protocol/peer-messages.js';
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
import { DurationStats } from '../util/duration-stats.js';
import type { Clock } from '../time/clock.js';
import { FixedStepAccumulator } from '../time/fixed-step.js';
import type { ClaimVerdict } from './authority-contract.js';
import type { HostClaim } from './host-election.js';
import { attachPeerInbox, type HelloIdentity, type FollowHandler, sayHello, sendMessage, type InboxCounters } from './peer-inbox.js';
import { ClientRoster, type RosterState } from './client-roster.js';

/** Where a client asks who leads: the match's Authority decides, the client only reports what it heard. */
export interface ClientAuthority {
  /** `from` claims to host reign `epoch` (a Snapshot or Takeover): do we follow it? */
  claim(from: string, epoch: number): ClaimVerdict;
  /** `from` says it stops hosting reign `epoch`; false when it is not our host's word to say. */
  hostYielded(from: string, epoch: number): boolean;
}

export interface ClientSessionOptions<State> {
  readonly selfId: string;
  readonly selfName: string;
  /** Decides which host's snapshots, takeovers and rosters count. */
  readonly authority: ClientAuthority;
  /** Refused traffic is counted here (shared across the peer's roles, so counts survive a host change). */
  readonly counters?: InboxCounters;
  /** A peer told us which reign it follows. */
  readonly onFollow?: FollowHandler;
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
/**
 * A snapshot that decodes but is this many ticks older than the newest we draw from cannot be a
 * late packet (the receiver keeps 32 ticks): the host's timeline starts elsewhere (a fresh game,
 * the host of the other side of a partition), and what we drew from belongs to another world.
 */
const TIMELINE_RESTART_TICKS = 60;

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
  readonly counters: InboxCounters;
  readonly stats: ClientReplicationStats = {
    snapshots: 0,
    undecodable: 0,
    interpolationDelayTicks: MIN_DELAY_TICKS,
    renderTick: -1,
    predictionCorrection: 0,
    snapshotBytes: 0,
  };
  /** CPU time to decode each snapshot and read it back into entities (the client's share of replication). */
  readonly decodeTimes = new DurationStats(200);
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
  /** The reign whose snapshots fill `receiver`, and the link it came on; undefined before we follow any. */
  private followed: HostClaim | undefined;
  private followedLink: PeerLink | undefined;
  private receiver: SnapshotReceiver;
  /** Until we follow a host, and between losing one and the first snapshot of the next: our own player holds still. */
  private migrating = true;
  /** The input ack each recent snapshot carried, by tick: answered in a Resume after a takeover. */
  private readonly inputAckByTick = new Map<number, number>();
  private readonly rosters = new ClientRoster();
  private lastUpdate: number;
  private lastSnapshotAt: number | undefined;
  /** When our current host last showed it leads: we started following it, or its last snapshot. */
  private heardFromHostAt = 0;

  /** What we say in every hello: our name and our game's fingerprint. */
  private get hello(): HelloIdentity {
    return { name: this.options.selfName, game: this.options.game.fingerprint };
  }

  constructor(private readonly options: ClientSessionOptions<State>) {
    this.blend = entityBlend(options.game.schema);
    this.receiver = new SnapshotReceiver(options.game.schema);
    this.counters = options.counters ?? { malformed: 0, unauthorized: 0 };
    const definition = options.game.definition;
    this.predictor =
      options.spectator === true || !definition.predict
        ? undefined
        : new PlayerPredictor((position, input) => definition.predict?.({ ...this.selfEntity, id: this.slot ?? 0, x: position.x, y: position.y }, input) ?? position);
    this.accumulator = new FixedStepAccumulator(options.clock, TICK_MS);
    this.inputEveryTicks = options.inputEveryTicks ?? 2;
    this.lastUpdate = options.clock.now();
  }

  /** Starts talking to an open link (the host's, or another client's, any of which may host later). */
  addLink(link: PeerLink): void {
    const detach = attachPeerInbox(link, this.hello, this.counters, (from, message) => this.receive(from, message), this.options.onFollow);
    this.links.set(link.remoteId, { link, detach });
  }

  /** Forgets a closed link. */
  removeLink(remoteId: string): void {
    this.links.get(remoteId)?.detach();
    this.links.delete(remoteId);
    this.rosters.linkClosed(remoteId);
  }

  /** Stops serving every link (this peer is taking over as host). */
  dispose(): void {
    for (const { detach } of this.links.values()) detach();
    this.links.clear();
  }

  /** How long the host we follow has sent no snapshot we could use (since we began following it). */
  get hostQuietMs(): number {
    return this.options.clock.now() - this.heardFromHostAt;
  }

  /** True while the link to the host we follow is open. */
  get connectedToHost(): boolean {
    return this.followed !== undefined && this.hostLink?.state === 'open';
  }

  /**
   * The host is gone: hold our own player still (nobody applies our inputs now) until the next
   * host is heard from.
   */
  holdStill(): void {
    this.migrating = true;
  }

  /**
   * Follows `claim` from now on (the match's Authority accepted it). A new host's snapshots start
   * from scratch: baselines belong to the host that sent them.
   */
  follow(claim: HostClaim): void {
    // The same host on the same link keeps its world when it renumbers its reign; the same reign
    // from another page of the host (a reload that started afresh) is a new world.
    const link = this.links.get(claim.hostId)?.link;
    const sameLink = link !== undefined && this.followedLink === link;
    const same = this.followed?.hostId === claim.hostId && (sameLink || (this.followed.epoch === claim.epoch && this.followedLink === link));
    this.followed = claim;
    this.followedLink = link;
    if (same) {
      // Back to the reign we held still for: its host may have started over meanwhile (stepped
      // down and leads again) and must hear us to admit us; if not, it only resends one full snapshot.
      if (this.migrating && this.hostLink) sayHello(this.hostLink, this.hello);
      return;
    }
    this.heardFromHostAt = this.options.clock.now();
    this.rosters.hostChanged(claim.hostId, this.newestEntities());
    this.receiver = new SnapshotReceiver(this.options.game.schema);
    // A host that started after our link opened never heard our hello (another role of its page, or
    // its page before a reload, did): every new reign hears it again.
    if (this.hostLink) sayHello(this.hostLink, this.hello);
  }

  /**
   * The entity a player had when it last left, or as we drew it before our latest change of host
   * (see ClientRoster): a successor gives it back this one, not a fresh spawn.
   */
  lastKnownEntity(peerId: string, slot: number): Entity | undefined {
    return this.rosters.lastKnownEntity(peerId, slot);
  }

  /**
   * We hold some world (snapshots, or the one we hosted before stepping down) to resume from if we
   * take over, and know whose players are in it: snapshots that outran the host's roster (they
   * travel unreliable, the roster reliable) cannot be hosted, every player's slot would be lost.
   */
  get hasWorld(): boolean {
    return this.buffer.size > 0 && this.rosters.players.length > 0;
  }

  /**
   * Starts from a world we hosted ourselves (a host stepping down becomes a client): if the game
   * comes back to us before the new host's first snapshot, we resume from it instead of nothing.
   */
  adopt(state: QuantizedState, roster: RosterState): void {
    // The roster too: should the game come back to us, every player keeps its slot, we ours.
    this.rosters.take(roster);
    this.buffer.insert(this.options.game.snapshot(state));
    this.estimator.observe(state.tick, this.options.clock.now());
  }

  /** Every entity of the newest snapshot we hold (empty before the first). */
  newestEntities(): ReadonlyMap<number, Entity> {
    return this.buffer.newest?.entities ?? new Map();
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
    return this.followed && this.links.get(this.followed.hostId)?.link;
  }

  get roster(): readonly RosterEntry[] {
    return this.rosters.players;
  }

  /** Players the host waits for (they left within the grace period), with the entities they come back to. */
  get departed(): readonly DepartedEntry[] {
    return this.rosters.departed;
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
    return this.rosters.players.find((entry) => entry.peerId === this.options.selfId)?.slot;
  }

  private receive(link: PeerLink, message: PeerMessage): void {
    switch (message.type) {
      case PeerMessageType.Hello:
        return;
      case PeerMessageType.Snapshot:
        if (this.options.authority.claim(link.remoteId, message.epoch) === 'refused') break;
        this.takeSnapshot(message);
        return;
      case PeerMessageType.Takeover:
        if (this.options.authority.claim(link.remoteId, message.epoch) === 'refused') break;
        sendMessage(link, Channel.Reliable, {
          type: PeerMessageType.Resume,
          epoch: message.epoch,
          inputAck: this.inputAckAt(message.restoredTick),
        });
        // A takeover may come from a host session new to us on a page we already followed (it
        // stepped down and leads again): it admits us only after a hello.
        if (link === this.hostLink) sayHello(link, this.hello);
        return;
      case PeerMessageType.Roster:
        this.rosters.received(link.remoteId, message, this.followed?.hostId === link.remoteId);
        return;
      case PeerMessageType.Yield:
        if (!this.options.authority.hostYielded(link.remoteId, message.epoch)) break;
        return;
      case PeerMessageType.Input:
      case PeerMessageType.Resume:
        break;
    }
    this.counters.unauthorized += 1;
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
    const started = performance.now();
    const decoded = this.receiver.receive(message.tick, message.baselineTick, message.body);
    if (!decoded.ok) {
      this.stats.undecodable += 1;
      return;
    }
    this.stats.snapshots += 1;
    this.stats.snapshotBytes = message.body.byteLength;
    this.migrating = false;
    this.lastSnapshotAt = this.options.clock.now();
    this.heardFromHostAt = this.lastSnapshotAt;
    this.rememberInputAck(message.tick, message.inputAck);
    const snapshot = this.options.game.snapshot(decoded.value);
    this.decodeTimes.add(performance.now() - started);
    this.estimator.observe(message.tick, this.options.clock.now());
    if ((this.buffer.newest?.tick ?? message.tick) - message.tick > TIMELINE_RESTART_TICKS) this.buffer.clear();
    this.buffer.insert(snapshot);
    const selfSlot = this.slot;
    const self = selfSlot === undefined ? undefined : snapshot.entities.get(selfSlot);
    // Only the newest snapshot corrects the prediction; a late one carries older truth.
    if (!self || message.tick <= newestBefore) return;
    this.selfEntity = self;
    this.predictor?.reconcile(self, message.inputAck, this.inputs);
  }
}
