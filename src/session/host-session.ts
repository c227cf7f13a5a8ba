import { Channel, type PeerLink } from '../net/peer-link.js';
import { sanitizeDisplayName } from '../protocol/guards.js';
import { DEFAULT_DISPLAY_NAME, MAX_DISPLAY_NAME } from '../protocol/lobby-messages.js';
import { MAX_SLOTS, PeerMessageType, type PeerMessage, type RosterEntry } from '../protocol/peer-messages.js';
import { LagCompensator } from '../replication/lag-compensation.js';
import type { Position } from '../replication/prediction.js';
import { SnapshotSender } from '../replication/snapshot-sender.js';
import { StateBuilder } from '../replication/state-builder.js';
import type { QuantizedState } from '../replication/quantized-state.js';
import type { SnapshotSchema } from '../replication/schema.js';
import { removePlayer, spawnPlayer, stepWorld, TICK_SECONDS, type World } from '../sim/world.js';
import type { Clock } from '../time/clock.js';
import { FixedStepAccumulator } from '../time/fixed-step.js';
import { DepartedPlayers } from './departed-players.js';
import { InputQueue } from './input-queue.js';
import { attachPeerInbox, broadcastMessage, sendMessage, type InboxCounters } from './peer-inbox.js';
import { captureWorld, worldSchema } from './world-replication.js';

export interface HostSessionOptions {
  readonly selfId: string;
  readonly selfName: string;
  readonly world: World;
  readonly clock: Clock;
  /** Buttons the host's own player holds right now. */
  readonly localButtons: () => number;
  /** Send a snapshot every this many ticks (3 at 60 Hz = 20 snapshots per second). */
  readonly snapshotEveryTicks?: number;
  /** Our own player's slot: 0 for the first host, the slot it played in for a successor. */
  readonly hostSlot?: number;
  /** This host's reign; 0 for the first host. Successors announce theirs in a Takeover. */
  readonly epoch?: number;
  /** Tick of the world a successor resumed from (announced in its Takeover). */
  readonly restoredTick?: number;
  /** Players of the previous host's game: their peers get these slots back without a hello. */
  readonly reserved?: readonly RosterEntry[];
  /** Another peer claims to host (a snapshot or takeover of its own): the match decides who stays. */
  readonly onRivalClaim?: (peerId: string, epoch: number) => void;
}

interface RemotePlayer {
  readonly link: PeerLink;
  readonly detach: () => void;
  slot: number | undefined;
  name: string;
  readonly inputs: InputQueue;
  readonly snapshots: SnapshotSender;
  /** A newcomer gets its first (full) snapshot on the next tick, not the next snapshot boundary. */
  snapshotDue: boolean;
}

/**
 * The authority: runs the fixed-step simulation with one queued input per player per tick, and
 * sends every client a snapshot on the unreliable channel, delta-encoded against the newest
 * snapshot that client acknowledged. Clients join by saying hello over their link and get a
 * slot; a closed link frees its slot.
 */
export class HostSession {
  readonly counters: InboxCounters = { malformed: 0, unauthorized: 0 };
  private readonly remotes = new Map<string, RemotePlayer>();
  private readonly accumulator: FixedStepAccumulator;
  private readonly snapshotEveryTicks: number;
  private readonly schema: SnapshotSchema;
  private readonly builder: StateBuilder;
  private readonly history = new LagCompensator();
  private readonly hostSlot: number;
  private readonly epoch: number;
  private readonly reserved: Map<string, RosterEntry>;
  private readonly departed = new DepartedPlayers();

  constructor(private readonly options: HostSessionOptions) {
    this.accumulator = new FixedStepAccumulator(options.clock, TICK_SECONDS * 1000);
    this.snapshotEveryTicks = options.snapshotEveryTicks ?? 3;
    this.schema = worldSchema(options.world);
    this.builder = new StateBuilder(this.schema, MAX_SLOTS);
    this.hostSlot = options.hostSlot ?? 0;
    this.epoch = options.epoch ?? 0;
    this.reserved = new Map((options.reserved ?? []).map((entry) => [entry.peerId, entry]));
    if (!options.world.players.has(this.hostSlot)) spawnPlayer(options.world, this.hostSlot);
  }

  get world(): World {
    return this.options.world;
  }

  /** This host's reign. */
  get epochNumber(): number {
    return this.epoch;
  }

  /**
   * Starts serving an open link. A peer that played under the previous host keeps its slot at
   * once; a successor first tells every peer that it hosts now.
   */
  addLink(link: PeerLink): void {
    const detach = attachPeerInbox(link, this.options.selfName, this.counters, (from, message) => this.receive(from, message));
    const remote: RemotePlayer = {
      link,
      detach,
      slot: undefined,
      name: DEFAULT_DISPLAY_NAME,
      inputs: new InputQueue(),
      snapshots: new SnapshotSender(this.schema),
      snapshotDue: false,
    };
    this.remotes.set(link.remoteId, remote);
    if (this.epoch > 0) {
      sendMessage(link, Channel.Reliable, { type: PeerMessageType.Takeover, epoch: this.epoch, restoredTick: this.options.restoredTick ?? -1 });
    }
    const reserved = this.reserved.get(link.remoteId);
    if (reserved) {
      this.reserved.delete(link.remoteId);
      remote.slot = reserved.slot;
      remote.name = reserved.name;
      remote.snapshotDue = true;
      if (!this.options.world.players.has(reserved.slot)) spawnPlayer(this.options.world, reserved.slot);
      this.broadcastRoster();
    }
  }

  /** Tells every peer that this host steps down, so they elect a successor among themselves. */
  yieldHost(): void {
    broadcastMessage([...this.remotes.values()].map((remote) => remote.link), Channel.Reliable, {
      type: PeerMessageType.Yield,
      epoch: this.epoch,
    });
  }

  /** Stops serving every link (this peer is handing the role over). */
  dispose(): void {
    for (const remote of this.remotes.values()) remote.detach();
    this.remotes.clear();
  }

  /** Forgets a closed link and removes its player from the world, keeping its slot for a while. */
  removeLink(remoteId: string): void {
    const remote = this.remotes.get(remoteId);
    if (!remote) return;
    remote.detach();
    this.remotes.delete(remoteId);
    if (remote.slot !== undefined) {
      const player = this.options.world.players.get(remote.slot);
      if (player) this.departed.remember(remoteId, remote.slot, player, this.options.clock.now());
      removePlayer(this.options.world, remote.slot);
      this.broadcastRoster();
    }
  }

  /** Runs the simulation steps that are due and sends snapshots on their schedule. */
  update(): void {
    const steps = this.accumulator.due();
    for (let i = 0; i < steps; i += 1) {
      stepWorld(this.options.world, this.collectInputs());
      this.history.record(this.options.world.tick, this.options.world.players);
      this.sendSnapshots(this.options.world.tick % this.snapshotEveryTicks === 0);
    }
  }

  /**
   * Judges a hit claimed by the player in `shooterSlot` against the world as that player saw it
   * at `claimedTick` (its interpolated render time), within the last second: returns the slot hit.
   */
  hitAt(shooterSlot: number, claimedTick: number, point: Position, radius: number): number | undefined {
    return this.history.hitAt(claimedTick, point, radius, shooterSlot);
  }

  /** Who plays in which slot. */
  roster(): RosterEntry[] {
    const entries: RosterEntry[] = [{ slot: this.hostSlot, peerId: this.options.selfId, name: this.options.selfName }];
    for (const [peerId, remote] of this.remotes) {
      if (remote.slot !== undefined) entries.push({ slot: remote.slot, peerId, name: remote.name });
    }
    return entries.sort((a, b) => a.slot - b.slot);
  }

  private receive(link: PeerLink, message: PeerMessage): void {
    const remote = this.remotes.get(link.remoteId);
    if (!remote) return;
    switch (message.type) {
      case PeerMessageType.Hello:
        this.admit(remote, message.name);
        return;
      case PeerMessageType.Input:
        if (remote.slot === undefined) return;
        remote.snapshots.acknowledge(message.ackTick);
        remote.inputs.offer(message.seq, message.buttons);
        return;
      case PeerMessageType.Resume:
        if (message.epoch === this.epoch) remote.inputs.resumeAfter(message.inputAck);
        return;
      case PeerMessageType.Snapshot:
      case PeerMessageType.Takeover:
        this.options.onRivalClaim?.(link.remoteId, message.epoch);
        return;
      default:
        // Snapshots and rosters flow from the host, never to it.
        this.counters.unauthorized += 1;
    }
  }

  private admit(remote: RemotePlayer, name: string): void {
    remote.name = sanitizeDisplayName(name, MAX_DISPLAY_NAME, DEFAULT_DISPLAY_NAME);
    if (remote.slot === undefined) {
      const returning = this.departed.reclaim(remote.link.remoteId, this.options.clock.now());
      const slot = returning?.slot ?? this.freeSlot();
      if (slot === undefined) {
        remote.link.close('the game is full');
        return;
      }
      remote.slot = slot;
      remote.snapshotDue = true;
      const player = spawnPlayer(this.options.world, slot);
      if (returning) {
        player.x = returning.position.x;
        player.y = returning.position.y;
      }
    }
    this.broadcastRoster();
  }

  private freeSlot(): number | undefined {
    const used = new Set([
      this.hostSlot,
      ...[...this.remotes.values()].map((r) => r.slot),
      ...[...this.reserved.values()].map((r) => r.slot),
      ...this.departed.reservedSlots(this.options.clock.now()),
    ]);
    for (let slot = 0; slot < MAX_SLOTS; slot += 1) if (!used.has(slot)) return slot;
    return undefined;
  }

  private collectInputs(): Map<number, number> {
    const inputs = new Map<number, number>([[this.hostSlot, this.options.localButtons()]]);
    for (const remote of this.remotes.values()) {
      if (remote.slot !== undefined) inputs.set(remote.slot, remote.inputs.next());
    }
    return inputs;
  }

  /** Captures the world once and encodes it for each client that is due a snapshot. */
  private sendSnapshots(boundary: boolean): void {
    let state: QuantizedState | undefined;
    for (const remote of this.remotes.values()) {
      if (remote.slot === undefined || !(boundary || remote.snapshotDue)) continue;
      remote.snapshotDue = false;
      state ??= captureWorld(this.builder, this.options.world);
      const snapshot = remote.snapshots.encode(state);
      sendMessage(remote.link, Channel.Unreliable, {
        type: PeerMessageType.Snapshot,
        tick: snapshot.tick,
        baselineTick: snapshot.baselineTick,
        inputAck: remote.inputs.appliedSeq,
        epoch: this.epoch,
        body: snapshot.body,
      });
    }
  }

  private broadcastRoster(): void {
    const links = [...this.remotes.values()].map((remote) => remote.link);
    broadcastMessage(links, Channel.Reliable, { type: PeerMessageType.Roster, players: this.roster() });
  }
}
