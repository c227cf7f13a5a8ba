import { Channel, type PeerLink } from '../net/peer-link.js';
import { PeerMessageType, type PeerMessage, type RosterEntry, type SnapshotMessage } from '../protocol/peer-messages.js';
import { InputHistory } from '../replication/input-history.js';
import { sampleBuffer } from '../replication/interpolation.js';
import { PlayerPredictor } from '../replication/prediction.js';
import type { SnapshotSchema } from '../replication/schema.js';
import { SnapshotBuffer } from '../replication/snapshot-buffer.js';
import { SnapshotReceiver } from '../replication/snapshot-receiver.js';
import type { RenderPlayer } from '../replication/snapshot.js';
import { TickEstimator } from '../replication/tick-estimator.js';
import { TICK_SECONDS, type WorldConfig } from '../sim/world.js';
import type { Clock } from '../time/clock.js';
import { FixedStepAccumulator } from '../time/fixed-step.js';
import { attachPeerInbox, sendMessage, type InboxCounters } from './peer-inbox.js';
import { predictPlayerStep } from './player-step.js';
import { renderSnapshot, worldSchema } from './world-replication.js';

export interface ClientSessionOptions {
  readonly selfId: string;
  readonly selfName: string;
  /** The lobby's host: the only peer whose snapshots and rosters are accepted. */
  readonly hostId: string;
  readonly clock: Clock;
  readonly world: WorldConfig;
  readonly localButtons: () => number;
  /** Send an input packet every this many ticks (2 at 60 Hz = 30 packets per second). */
  readonly inputEveryTicks?: number;
}

const TICK_MS = TICK_SECONDS * 1000;
/** Interpolation delay bounds in ticks: at least ~2 snapshot intervals, at most 1/3 s. */
const MIN_DELAY_TICKS = 6;
const MAX_DELAY_TICKS = 20;

/** What the net overlay and tests read about a client's replication. */
export interface ClientReplicationStats {
  snapshots: number;
  /** Snapshots that could not be decoded (baseline missing, malformed body). */
  undecodable: number;
  interpolationDelayTicks: number;
  /** The host tick the other players were last drawn at (−1 before the first snapshot). */
  renderTick: number;
  predictionCorrection: number;
}

/**
 * A non-host player. Every tick it samples its input, predicts its own player at once, and every
 * few ticks sends the recent inputs (with the newest snapshot tick it holds as acknowledgement).
 * Snapshots from the host are decoded against the acknowledged baseline; other players are drawn
 * a little in the past, interpolated, with a delay that grows with measured jitter.
 */
export class ClientSession {
  readonly counters: InboxCounters = { malformed: 0, unauthorized: 0 };
  readonly stats: ClientReplicationStats = {
    snapshots: 0,
    undecodable: 0,
    interpolationDelayTicks: MIN_DELAY_TICKS,
    renderTick: -1,
    predictionCorrection: 0,
  };
  private readonly schema: SnapshotSchema;
  private readonly receiver: SnapshotReceiver;
  private readonly buffer = new SnapshotBuffer();
  private readonly estimator = new TickEstimator(TICK_MS);
  private readonly inputs = new InputHistory();
  private readonly predictor: PlayerPredictor;
  private readonly accumulator: FixedStepAccumulator;
  private readonly inputEveryTicks: number;
  private hostLink: PeerLink | undefined;
  private currentRoster: readonly RosterEntry[] = [];
  private lastUpdate: number;

  constructor(private readonly options: ClientSessionOptions) {
    this.schema = worldSchema(options.world);
    this.receiver = new SnapshotReceiver(this.schema);
    this.predictor = new PlayerPredictor((position, buttons) => predictPlayerStep(options.world, position, buttons));
    this.accumulator = new FixedStepAccumulator(options.clock, TICK_MS);
    this.inputEveryTicks = options.inputEveryTicks ?? 2;
    this.lastUpdate = options.clock.now();
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

  /** Samples input and predicts for every tick that is due; sends input packets on schedule. */
  update(): void {
    const now = this.options.clock.now();
    this.predictor.fade(now - this.lastUpdate);
    this.lastUpdate = now;
    this.stats.predictionCorrection = this.predictor.correction;
    const steps = this.accumulator.due();
    for (let i = 0; i < steps; i += 1) {
      const buttons = this.options.localButtons();
      const seq = this.inputs.record(buttons);
      this.predictor.advance(buttons);
      if (seq % this.inputEveryTicks !== 0 || !this.hostLink) continue;
      const packet = this.inputs.packet(this.receiver.ackTick);
      if (packet) sendMessage(this.hostLink, Channel.Unreliable, packet);
    }
  }

  /** Where every player should be drawn now: others interpolated, ourselves predicted. */
  renderPlayers(): RenderPlayer[] {
    const hostTick = this.estimator.hostTickAt(this.options.clock.now());
    if (hostTick === undefined) return [];
    const delay = Math.min(MAX_DELAY_TICKS, Math.max(MIN_DELAY_TICKS, 4 + 2 * this.estimator.jitterTicks));
    this.stats.interpolationDelayTicks = delay;
    this.stats.renderTick = hostTick - delay;
    const players = sampleBuffer(this.buffer, this.stats.renderTick);
    const selfSlot = this.slot;
    const predicted = this.predictor.position;
    if (selfSlot === undefined || !predicted) return players;
    return players.map((player) => (player.slot === selfSlot ? { slot: selfSlot, x: predicted.x, y: predicted.y } : player));
  }

  /** Our own slot, once the host's roster has named it. */
  get slot(): number | undefined {
    return this.currentRoster.find((entry) => entry.peerId === this.options.selfId)?.slot;
  }

  private receive(link: PeerLink, message: PeerMessage): void {
    const fromHost = link.remoteId === this.options.hostId;
    switch (message.type) {
      case PeerMessageType.Hello:
        return;
      case PeerMessageType.Snapshot:
        if (!fromHost) break;
        this.takeSnapshot(message);
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

  private takeSnapshot(message: SnapshotMessage): void {
    const newestBefore = this.receiver.ackTick;
    const decoded = this.receiver.receive(message.tick, message.baselineTick, message.body);
    if (!decoded.ok) {
      this.stats.undecodable += 1;
      return;
    }
    this.stats.snapshots += 1;
    const snapshot = renderSnapshot(this.schema, decoded.value);
    this.estimator.observe(message.tick, this.options.clock.now());
    this.buffer.insert(snapshot);
    const selfSlot = this.slot;
    const self = selfSlot === undefined ? undefined : snapshot.players.get(selfSlot);
    // Only the newest snapshot corrects the prediction; a late one carries older truth.
    if (self && message.tick > newestBefore) this.predictor.reconcile(self, message.inputAck, this.inputs);
  }
}
