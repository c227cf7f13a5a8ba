import { Channel, type PeerLink } from '../net/peer-link.js';
import { sanitizeDisplayName } from '../protocol/guards.js';
import { DEFAULT_DISPLAY_NAME, MAX_DISPLAY_NAME } from '../protocol/lobby-messages.js';
import { MAX_SLOTS, PeerMessageType, type PeerMessage, type RosterEntry } from '../protocol/peer-messages.js';
import { isValidButtons } from '../sim/input.js';
import { removePlayer, spawnPlayer, stepWorld, TICK_SECONDS, type World } from '../sim/world.js';
import type { Clock } from '../time/clock.js';
import { FixedStepAccumulator } from '../time/fixed-step.js';
import { snapshotFromWorld } from '../replication/snapshot.js';
import { attachPeerInbox, broadcastMessage, sendMessage, type InboxCounters } from './peer-inbox.js';

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
  buttons: number;
  lastSeq: number;
}

/** The host's own player always has slot 0. */
const HOST_SLOT = 0;

/**
 * The authority: runs the fixed-step simulation, takes inputs from clients, and sends every
 * client a snapshot of the world on the unreliable channel. Clients join by saying hello over
 * their link and get a slot; a closed link frees its slot.
 */
export class HostSession {
  readonly counters: InboxCounters = { malformed: 0, unauthorized: 0 };
  private readonly remotes = new Map<string, RemotePlayer>();
  private readonly accumulator: FixedStepAccumulator;
  private readonly snapshotEveryTicks: number;

  constructor(private readonly options: HostSessionOptions) {
    this.accumulator = new FixedStepAccumulator(options.clock, TICK_SECONDS * 1000);
    this.snapshotEveryTicks = options.snapshotEveryTicks ?? 3;
    spawnPlayer(options.world, HOST_SLOT);
  }

  get world(): World {
    return this.options.world;
  }

  /** Starts serving a newly opened link. */
  addLink(link: PeerLink): void {
    this.remotes.set(link.remoteId, { link, slot: undefined, name: DEFAULT_DISPLAY_NAME, buttons: 0, lastSeq: -1 });
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
      if (this.options.world.tick % this.snapshotEveryTicks === 0) this.broadcastSnapshot();
    }
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
        this.takeInput(remote, message.seq, message.buttons[0] ?? 0);
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
      spawnPlayer(this.options.world, slot);
    }
    this.broadcastRoster();
    // A newcomer gets the world at once rather than at the next snapshot boundary.
    sendMessage(remote.link, Channel.Unreliable, snapshotFromWorld(this.options.world));
  }

  /** Only the newest sample matters here; older, repeated samples arrive for loss recovery. */
  private takeInput(remote: RemotePlayer, seq: number, buttons: number): void {
    if (remote.slot === undefined || seq <= remote.lastSeq) return;
    if (!isValidButtons(buttons)) {
      this.counters.malformed += 1;
      return;
    }
    remote.lastSeq = seq;
    remote.buttons = buttons;
  }

  private freeSlot(): number | undefined {
    const used = new Set([HOST_SLOT, ...[...this.remotes.values()].map((r) => r.slot)]);
    for (let slot = 0; slot < MAX_SLOTS; slot += 1) if (!used.has(slot)) return slot;
    return undefined;
  }

  private collectInputs(): Map<number, number> {
    const inputs = new Map<number, number>([[HOST_SLOT, this.options.localButtons()]]);
    for (const remote of this.remotes.values()) {
      if (remote.slot !== undefined) inputs.set(remote.slot, remote.buttons);
    }
    return inputs;
  }

  private broadcastSnapshot(): void {
    const players = [...this.remotes.values()].filter((remote) => remote.slot !== undefined);
    broadcastMessage(
      players.map((remote) => remote.link),
      Channel.Unreliable,
      snapshotFromWorld(this.options.world),
    );
  }

  private broadcastRoster(): void {
    const links = [...this.remotes.values()].map((remote) => remote.link);
    broadcastMessage(links, Channel.Reliable, { type: PeerMessageType.Roster, players: this.roster() });
  }
}
