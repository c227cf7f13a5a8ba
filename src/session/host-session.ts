import { Channel, type PeerLink } from '../net/peer-link.js';
import { sanitizeDisplayName } from '../protocol/guards.js';
import { DEFAULT_MAX_PLAYERS } from '../protocol/player-count.js';
import { DEFAULT_DISPLAY_NAME, MAX_DISPLAY_NAME } from '../protocol/lobby-messages.js';
import { MAX_SLOTS, PeerMessageType, type PeerMessage, type DepartedEntry, type RosterEntry } from '../protocol/peer-messages.js';
import type { Entity, Position, StepContext } from '../game/definition.js';
import type { ReplicatedGame } from '../game/replicated-game.js';
import { TICK_MS } from '../game/tick.js';
import { LagCompensator } from '../replication/lag-compensation.js';
import { SnapshotSender } from '../replication/snapshot-sender.js';
import type { Clock } from '../time/clock.js';
import { FixedStepAccumulator } from '../time/fixed-step.js';
import type { ClaimVerdict } from './authority-contract.js';
import { DepartedPlayers } from './departed-players.js';
import type { DepartedPlayer } from './takeover.js';
import { InputQueue } from './input-queue.js';
import { attachPeerInbox, type FollowHandler, broadcastMessage, sendMessage, type InboxCounters } from './peer-inbox.js';
import { sendSnapshots } from './snapshot-fanout.js';

export interface HostSessionOptions<State> {
  readonly selfId: string;
  readonly selfName: string;
  readonly game: ReplicatedGame<State>;
  /** The game state to run: fresh for the first host, restored for a successor. */
  readonly state: State;
  /** The tick `state` is at: 0 for the first host, the timeline's tick for a successor. */
  readonly tick?: number;
  readonly clock: Clock;
  /** The host's own player's input right now (its keys, its aim). */
  readonly localInput: () => number;
  /** Send a snapshot every this many ticks (3 at 60 Hz = 20 snapshots per second). */
  readonly snapshotEveryTicks?: number;
  /**
   * What all snapshots together may take of the host's upload (default 2.5 Mbit/s, what a home
   * connection's upload spares beside a call). Each peer's snapshot gets an equal share, at most
   * one SCTP packet; beyond its share the nearest and longest-waiting changes go first.
   */
  readonly uploadBudgetBitsPerSecond?: number;
  /** Our own player's slot: 0 for the first host, the slot it played in for a successor. */
  readonly hostSlot?: number;
  /** This host's reign; 0 for the first host. Successors announce theirs in a Takeover. */
  readonly epoch?: number;
  /** Tick of the world a successor resumed from (announced in its Takeover). */
  readonly restoredTick?: number;
  /** Players of the previous host's game: their peers get these slots back without a hello. */
  readonly reserved?: readonly RosterEntry[];
  /** Players of the previous host's game whose peers were gone at the takeover: their slots wait for them. */
  readonly departed?: readonly DepartedPlayer[];
  /**
   * Another peer claims to host (a snapshot or takeover of its own): the match decides who stays
   * and returns whether the claim was accepted (refused ones are counted as unauthorized).
   */
  readonly onRivalClaim?: (peerId: string, epoch: number) => ClaimVerdict;
  /** Refused traffic is counted here (shared across the peer's roles, so counts survive a host change). */
  readonly counters?: InboxCounters;
  /** A peer told us which reign it follows. */
  readonly onFollow?: FollowHandler;
  /** Members who joined to watch (the lobby says so): they get snapshots, no slot, and send no input. */
  readonly isSpectator?: (peerId: string) => boolean;
  /** Whether the host pressed Start in the waiting room (see StepContext.started); false if omitted. */
  readonly started?: () => boolean;
}

/** How often a host repeats its reign to a linked peer that has not joined it (see announceAgain). */
const ANNOUNCE_AGAIN_MS = 1_000;

interface RemotePlayer {
  readonly link: PeerLink;
  readonly detach: () => void;
  slot: number | undefined;
  /** Admitted to watch: snapshots, no slot. */
  watching: boolean;
  name: string;
  readonly inputs: InputQueue;
  /** The tick this client last said it draws the others at (−1: not yet): its shots are judged then. */
  viewTick: number;
  readonly snapshots: SnapshotSender;
  /** A newcomer gets its first (full) snapshot at once on its hello (else on the next tick), not at the next snapshot boundary. */
  snapshotDue: boolean;
  /** When we last told this peer our reign (clock ms); repeated until it plays or watches. */
  announcedAt: number;
}

/**
 * The authority: runs the fixed-step simulation with one queued input per player per tick, and
 * sends every client a snapshot on the unreliable channel, delta-encoded against the newest
 * snapshot that client acknowledged. Clients join by saying hello over their link and get a
 * slot; a closed link frees its slot.
 */
export class HostSession<State> {
  readonly counters: InboxCounters;
  private readonly remotes = new Map<string, RemotePlayer>();
  private readonly accumulator: FixedStepAccumulator;
  private readonly snapshotEveryTicks: number;
  private readonly history = new LagCompensator();
  private currentTick: number;
  private readonly hostSlot: number;
  private epoch: number;
  private readonly reserved: Map<string, RosterEntry>;
  private readonly departed = new DepartedPlayers();


  constructor(private readonly options: HostSessionOptions<State>) {
    this.accumulator = new FixedStepAccumulator(options.clock, TICK_MS);
    this.snapshotEveryTicks = options.snapshotEveryTicks ?? 3;
    this.currentTick = options.tick ?? 0;
    this.hostSlot = options.hostSlot ?? 0;
    this.epoch = options.epoch ?? 0;
    this.counters = options.counters ?? { malformed: 0, unauthorized: 0 };
    this.reserved = new Map((options.reserved ?? []).map((entry) => [entry.peerId, entry]));
    for (const { peerId, slot, entity } of options.departed ?? []) this.departed.remember(peerId, slot, entity, options.clock.now());
    this.ensurePlayer(this.hostSlot);
  }

  /** The game state this host runs (read it to draw; only the host's step changes it). */
  get state(): State {
    return this.options.state;
  }

  /** The newest simulated tick. */
  get tick(): number {
    return this.currentTick;
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
    const detach = attachPeerInbox(link, { name: this.options.selfName, game: this.options.game.fingerprint }, this.counters, (from, message) => this.receive(from, message), this.options.onFollow);
    const remote: RemotePlayer = {
      link,
      detach,
      slot: undefined,
      watching: false,
      name: DEFAULT_DISPLAY_NAME,
      inputs: new InputQueue((input) => this.game.isValidInput(input)),
      viewTick: -1,
      snapshots: new SnapshotSender(this.options.game.schema),
      snapshotDue: false,
      announcedAt: this.options.clock.now(),
    };
    this.remotes.set(link.remoteId, remote);
    // Every link hears who hosts in which reign before anything else (reliable and ordered): a
    // newcomer then accepts our roster, a successor's followers resume their inputs.
    sendMessage(link, Channel.Reliable, this.announcement());
    // A spectator needs no hello to be served: a successor host already knows it from the lobby.
    if (this.options.isSpectator?.(link.remoteId) === true) {
      remote.watching = true;
      remote.snapshotDue = true;
    }
    const reserved = this.reserved.get(link.remoteId);
    if (reserved) {
      this.reserved.delete(link.remoteId);
      remote.slot = reserved.slot;
      remote.name = reserved.name;
      remote.snapshotDue = true;
      this.ensurePlayer(reserved.slot);
      this.broadcastRoster();
    } else {
      sendMessage(link, Channel.Reliable, this.rosterMessage());
    }
  }

  /**
   * Keeps hosting in the newer reign `epoch`: a rival host's followers (after a partition) can
   * follow us once their host yields. Every peer hears the new reign at once.
   */
  renumber(epoch: number): void {
    this.epoch = epoch;
    broadcastMessage([...this.remotes.values()].map((remote) => remote.link), Channel.Reliable, this.announcement());
  }

  /**
   * Tells our reign again, once a second, to every linked peer that neither plays nor watches
   * with us yet. A peer hears a host's Takeover once, when the link opens or the reign begins;
   * one that was following someone else then forgets it, and once it waits for us it would wait
   * for good (seed 1604514: a page joined during a partition, followed the old host for a
   * moment, then awaited this host's claim, which it had already heard and dropped).
   */
  private announceAgain(): void {
    const now = this.options.clock.now();
    for (const remote of this.remotes.values()) {
      if (remote.slot !== undefined || remote.watching || now - remote.announcedAt < ANNOUNCE_AGAIN_MS) continue;
      remote.announcedAt = now;
      sendMessage(remote.link, Channel.Reliable, this.announcement());
    }
  }

  private announcement(): PeerMessage {
    return { type: PeerMessageType.Takeover, epoch: this.epoch, restoredTick: this.options.restoredTick ?? -1 };
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

  /** The peer decoded some snapshot of ours (it acknowledged one): it could resume our world. */
  holdsWorld(peerId: string): boolean {
    return (this.remotes.get(peerId)?.snapshots.baselineTick ?? -1) >= 0;
  }

  /** Forgets a closed link and removes its player from the world, keeping its slot for a while. */
  removeLink(remoteId: string): void {
    const remote = this.remotes.get(remoteId);
    if (!remote) return;
    remote.detach();
    this.remotes.delete(remoteId);
    if (remote.slot !== undefined) {
      this.departed.remember(remoteId, remote.slot, this.playerEntity(remote.slot), this.options.clock.now());
      this.game.removePlayer(this.options.state, remote.slot);
      this.broadcastRoster();
    }
  }

  /** Runs the simulation steps that are due and sends snapshots on their schedule. */
  update(): void {
    this.announceAgain();
    const steps = this.accumulator.due();
    for (let i = 0; i < steps; i += 1) {
      this.game.step(this.options.state, this.stepContext(this.currentTick + 1));
      this.currentTick += 1;
      this.history.record(this.currentTick, this.playerPositions());
      this.sendSnapshots(this.currentTick % this.snapshotEveryTicks === 0);
    }
  }

  /** Sends this tick's snapshots: to everyone on a boundary, else to the peers due their first. */
  private sendSnapshots(boundary: boolean): void {
    sendSnapshots([...this.remotes.values()], {
      epoch: this.epoch,
      tick: this.currentTick,
      capture: () => this.options.game.capture(this.options.state, this.currentTick),
      interest: this.options.game.interest,
      snapshotEveryTicks: this.snapshotEveryTicks,
      uploadBudgetBitsPerSecond: this.options.uploadBudgetBitsPerSecond,
      boundary,
    });
  }

  private get game(): ReplicatedGame<State>['definition'] {
    return this.options.game.definition;
  }

  /** What the game's step may ask: inputs, who plays, and hits judged as each shooter saw them. */
  private stepContext(tick: number): StepContext {
    const inputs = this.collectInputs();
    const viewTicks = new Map<number, number>();
    for (const remote of this.remotes.values()) {
      if (remote.slot !== undefined && remote.viewTick >= 0) viewTicks.set(remote.slot, remote.viewTick);
    }
    return {
      tick,
      inputs,
      slots: [...inputs.keys()],
      started: this.options.started?.() ?? false,
      // The host sees its own present; a client is judged at the tick it said it was drawing.
      rayHit: (shooter, origin, angle, range, radius) =>
        this.history.rayHit(viewTicks.get(shooter) ?? this.currentTick, origin, angle, range, radius, shooter),
      hitAt: (shooter, point, radius) => this.history.hitAt(viewTicks.get(shooter) ?? this.currentTick, point, radius, shooter),
    };
  }

  private playerPositions(): Map<number, Position> {
    const positions = new Map<number, Position>();
    for (const slot of this.playingSlots()) {
      const position = this.game.playerPosition(this.options.state, slot);
      if (position) positions.set(slot, position);
    }
    return positions;
  }

  /** A player's entity as it would be replicated now. */
  private playerEntity(slot: number): Entity | undefined {
    return this.options.game.entities(this.options.state).find((entity) => entity.id === slot);
  }

  private ensurePlayer(slot: number): void {
    if (!this.game.playerPosition(this.options.state, slot)) this.game.addPlayer(this.options.state, slot);
  }

  /** Who plays in which slot. */
  roster(): RosterEntry[] {
    const entries: RosterEntry[] = [{ slot: this.hostSlot, peerId: this.options.selfId, name: this.options.selfName }];
    for (const [peerId, remote] of this.remotes) {
      if (remote.slot !== undefined) entries.push({ slot: remote.slot, peerId, name: remote.name });
    }
    // A successor's reserved players are in the game already: a roster sent while their links are
    // being added one by one must list them too, or a follower that hears only that one (the new
    // host vanished a moment later) gives their slots to others (seed 1218524).
    for (const entry of this.reserved.values()) entries.push(entry);
    return entries.sort((a, b) => a.slot - b.slot);
  }

  private receive(link: PeerLink, message: PeerMessage): void {
    const remote = this.remotes.get(link.remoteId);
    if (!remote) return;
    switch (message.type) {
      case PeerMessageType.Hello:
        this.admit(remote, message.name);
        // The newcomer's first snapshot goes now, not at the next tick: it sees the game sooner.
        this.sendSnapshots(false);
        return;
      case PeerMessageType.Input:
        if (remote.slot === undefined && !remote.watching) return;
        remote.snapshots.acknowledge(message.ackTick);
        // A spectator's input packets only acknowledge snapshots; its samples move nothing.
        if (remote.slot === undefined) return;
        remote.inputs.offer(message.seq, message.inputs);
        remote.viewTick = Math.min(message.viewTick, this.currentTick);
        return;
      case PeerMessageType.Resume:
        if (message.epoch === this.epoch) remote.inputs.resumeAfter(message.inputAck);
        return;
      case PeerMessageType.Snapshot:
      case PeerMessageType.Takeover:
        if ((this.options.onRivalClaim?.(link.remoteId, message.epoch) ?? 'refused') === 'refused') this.counters.unauthorized += 1;
        return;
      default:
        // Snapshots and rosters flow from the host, never to it.
        this.counters.unauthorized += 1;
    }
  }

  private admit(remote: RemotePlayer, name: string): void {
    // A hello also says the peer starts from an empty world: what it acknowledged before is gone.
    remote.snapshots.restart();
    remote.snapshotDue = true;
    remote.name = sanitizeDisplayName(name, MAX_DISPLAY_NAME, DEFAULT_DISPLAY_NAME);
    if (this.options.isSpectator?.(remote.link.remoteId) === true) {
      remote.watching = true;
      remote.snapshotDue = true;
    } else if (remote.slot === undefined) {
      const returning = this.departed.reclaim(remote.link.remoteId, this.options.clock.now());
      // The lobby admits players within the game's size, so the slot a peer of it needs is held
      // at worst for someone who left (and whose seat the lobby gave away).
      const slot = returning?.slot ?? this.freeSlot() ?? this.departed.releaseOldest(this.options.clock.now());
      if (slot === undefined) {
        remote.link.close('the game is full');
        return;
      }
      remote.slot = slot;
      remote.snapshotDue = true;
      this.game.addPlayer(this.options.state, slot, returning?.entity);
    }
    this.broadcastRoster();
  }

  /** The lowest slot nobody holds or waits for, below the game's maxPlayers. */
  private freeSlot(): number | undefined {
    const used = new Set([
      this.hostSlot,
      ...[...this.remotes.values()].map((r) => r.slot),
      ...[...this.reserved.values()].map((r) => r.slot),
      ...this.departed.reservedSlots(this.options.clock.now()),
    ]);
    const slots = Math.min(MAX_SLOTS, this.game.maxPlayers ?? DEFAULT_MAX_PLAYERS);
    for (let slot = 0; slot < slots; slot += 1) if (!used.has(slot)) return slot;
    return undefined;
  }

  private playingSlots(): number[] {
    const slots = [this.hostSlot];
    for (const remote of this.remotes.values()) if (remote.slot !== undefined) slots.push(remote.slot);
    return slots;
  }

  /** One input per playing slot for this tick (takes it off each client's queue). */
  private collectInputs(): Map<number, number> {
    const inputs = new Map<number, number>([[this.hostSlot, this.options.localInput()]]);
    for (const remote of this.remotes.values()) {
      if (remote.slot !== undefined) inputs.set(remote.slot, remote.inputs.next());
    }
    return inputs;
  }

  /** Each receiver's snapshot stream so far: sent, complete (every change carried) and body bytes. */
  snapshotStreams(): { readonly peerId: string; readonly snapshots: number; readonly complete: number; readonly bodyBytes: number }[] {
    return [...this.remotes.entries()].map(([peerId, remote]) => ({ peerId, ...remote.snapshots.sent }));
  }

  private broadcastRoster(): void {
    const links = [...this.remotes.values()].map((remote) => remote.link);
    broadcastMessage(links, Channel.Reliable, this.rosterMessage());
  }

  /** Who plays in which slot, and who is waited for: what every peer's roster says. */
  rosterState(): { readonly players: readonly RosterEntry[]; readonly departed: readonly DepartedEntry[] } {
    return { players: this.roster(), departed: this.departed.entries(this.options.clock.now()) };
  }

  private rosterMessage(): PeerMessage {
    return { type: PeerMessageType.Roster, ...this.rosterState() };
  }
}
