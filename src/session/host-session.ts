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
}

interface RemotePlayer {
  readonly link: PeerLink;
  slot: number | undefined;
  name: string;
  readonly inputs: InputQueue;
  readonly snapshots: SnapshotSender;
  /** A newcomer gets its first (full) snapshot on the next tick, not the next snapshot boundary. */
  snapshotDue: boolean;
}

/** The host's own player always has slot 0. */
const HOST_SLOT = 0;

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

  constructor(private readonly options: HostSessionOptions) {
    this.accumulator = new FixedStepAccumulator(options.clock, TICK_SECONDS * 1000);
    this.snapshotEveryTicks = options.snapshotEveryTicks ?? 3;
    this.schema = worldSchema(options.world);
    this.builder = new StateBuilder(this.schema, MAX_SLOTS);
    spawnPlayer(options.world, HOST_SLOT);
  }

  get world(): World {
    return this.options.world;
  }

  /** Starts serving a newly opened link. */
  addLink(link: PeerLink): void {
    this.remotes.set(link.remoteId, {
      link,
      slot: undefined,
      name: DEFAULT_DISPLAY_NAME,
      inputs: new InputQueue(),
      snapshots: new SnapshotSender(this.schema),
      snapshotDue: false,
    });
    attachPeerInbox(link, this.options.selfName, this.counters, (from, message) => this.receive(from, message));
  }

  /** Forgets a closed link and removes its player from the world. */
  removeLink(remoteId: string): void {
    const remote = this.remotes.get(remoteId);
    if (!remote) return;
    this.remotes.delete(remoteId);
    if (remote.slot !== undefined) {
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

  /** Who plays in which slot, host first. */
  roster(): RosterEntry[] {
    const entries: RosterEntry[] = [{ slot: HOST_SLOT, peerId: this.options.selfId, name: this.options.selfName }];
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
      default:
        // Snapshots and rosters flow from the host, never to it.
        this.counters.unauthorized += 1;
    }
  }

  private admit(remote: RemotePlayer, name: string): void {
    remote.name = sanitizeDisplayName(name, MAX_DISPLAY_NAME, DEFAULT_DISPLAY_NAME);
    if (remote.slot === undefined) {
      const slot = this.freeSlot();
      if (slot === undefined) {
        remote.link.close('the game is full');
        return;
      }
      remote.slot = slot;
      remote.snapshotDue = true;
      spawnPlayer(this.options.world, slot);
    }
    this.broadcastRoster();
  }

  private freeSlot(): number | undefined {
    const used = new Set([HOST_SLOT, ...[...this.remotes.values()].map((r) => r.slot)]);
    for (let slot = 0; slot < MAX_SLOTS; slot += 1) if (!used.has(slot)) return slot;
    return undefined;
  }

  private collectInputs(): Map<number, number> {
    const inputs = new Map<number, number>([[HOST_SLOT, this.options.localButtons()]]);
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
        body: snapshot.body,
      });
    }
  }

  private broadcastRoster(): void {
    const links = [...this.remotes.values()].map((remote) => remote.link);
    broadcastMessage(links, Channel.Reliable, { type: PeerMessageType.Roster, players: this.roster() });
  }
}
