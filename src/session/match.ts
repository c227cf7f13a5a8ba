import { LobbySession } from '../net/lobby-client.js';
import { Mesh, type LinkFactory, type MeshLinks } from '../net/mesh.js';
import type { LinkStats, MonitorOptions } from '../net/monitored-link.js';
import type { GameSettings } from '../protocol/lobby-game.js';
import type { IceServerConfig } from '../protocol/lobby-messages.js';
import type { RosterEntry } from '../protocol/peer-messages.js';
import type { Entity, GameDefinition } from '../game/definition.js';
import { ReplicatedGame } from '../game/replicated-game.js';
import type { Clock } from '../time/clock.js';
import { DurationStats } from '../util/duration-stats.js';
import { Emitter } from '../util/emitter.js';
import { fail, ok, type Result } from '../util/result.js';
import { ClientSession, type ClientReplicationStats } from './client-session.js';
import { electHost, supersedes, type HostClaim } from './host-election.js';
import { HostSession } from './host-session.js';
import type { InboxCounters } from './peer-inbox.js';
import { prepareSuccession } from './takeover.js';

export type MatchRole = 'host' | 'client';

/**
 * `connecting`: in the lobby room, peer links not up yet. `playing`: the host is reachable (or we
 * are it). `migrating`: the host is gone and the next one has not been heard from yet (our own
 * player holds still). `closed`: we left.
 */
export type MatchStatus = 'connecting' | 'playing' | 'migrating' | 'closed';

export interface MatchPlayer {
  readonly slot: number;
  readonly peerId: string;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly isSelf: boolean;
}

export interface MatchEvents extends Record<string, unknown> {
  status: MatchStatus;
  /** Someone else (or we) hosts from now on. */
  'host-changed': HostClaim;
  /** A link to another member never opened: `reason` says why, in words a player can act on. */
  'peer-unreachable': { readonly peerId: string; readonly name: string; readonly reason: string };
}

/** Silence after which a peer (the host included) is declared gone; see MatchOptions.monitor. */
const DEFAULT_MONITOR: MonitorOptions = { pingIntervalMs: 250, silenceTimeoutMs: 1_200 };

/** Builds the peer link for one member, given the ICE servers the lobby handed out. */
export type LinkFactoryFor = (iceServers: readonly IceServerConfig[]) => LinkFactory;

export interface MatchOptions<State> {
  /** WebSocket URL of the lobby, e.g. `ws://localhost:2567`. */
  readonly lobbyUrl: string;
  readonly name: string;
  /** This browser's key (localStorage); lets a host's kick keep it out. A fresh one if omitted. */
  readonly playerKey?: string;
  /** Our peer id (kept for the seat this tab holds); a fresh one if omitted. See lobby-entry.ts. */
  readonly peerId?: string;
  /** Join to watch: snapshots only, no player, no input, never elected host; not counted toward max players. */
  readonly spectate?: boolean;
  readonly clock: Clock;
  /** The game to play: every peer of a match must run the same definition. */
  readonly game: GameDefinition<State>;
  /** Our own player's input right now (the game's packing of keys, aim…). */
  readonly localInput: () => number;
  readonly linkFactory: LinkFactoryFor;
  /**
   * Liveness and backpressure settings of every peer link. The match's default declares a peer
   * gone after 1.2 s of silence (pings every 250 ms), so a crashed host is replaced within ~1.5 s.
   */
  readonly monitor?: MonitorOptions;
  /** How often the match loop runs; the simulation itself is fixed-step regardless. */
  readonly loopIntervalMs?: number;
}

/**
 * One player's part in one game: the lobby room, the peer mesh, and the host or client role.
 * The composition point of the engine's layers; views read from it and never reach below it.
 */
export class Match<State = unknown> {
  readonly events = new Emitter<MatchEvents>();
  /**
   * Milliseconds from entering the lobby room to the peer link with the host being open
   * (undefined for the host, or before it opens): the WebRTC handshake as the player waits for it.
   */
  connectMs: number | undefined;
  /** How long each run of the match loop takes (simulation, snapshots, input): the CPU it costs. */
  readonly loopTimes = new DurationStats();
  private currentStatus: MatchStatus = 'connecting';
  private readonly mesh: Mesh;
  private host: HostSession<State> | undefined;
  private client: ClientSession<State> | undefined;
  private readonly game: ReplicatedGame<State>;
  private readonly loop: ReturnType<typeof setInterval>;
  /** Members in the order they joined the room: the election's ranking, kept without the lobby. */
  private readonly joinOrder: string[];

  private constructor(
    private readonly lobby: LobbySession,
    private readonly options: MatchOptions<State>,
  ) {
    this.game = new ReplicatedGame(options.game);
    const welcome = lobby.welcome;
    this.joinOrder = [...welcome.members.map((member) => member.id), lobby.selfId];
    lobby.events.on('member-joined', ({ id }) => {
      if (!this.joinOrder.includes(id)) this.joinOrder.push(id);
    });
    this.mesh = new Mesh(lobby, options.linkFactory(welcome.iceServers), options.monitor ?? DEFAULT_MONITOR);
    if (welcome.hostId === lobby.selfId) {
      this.host = this.createHost({ state: options.game.createState(), tick: 0, epoch: 0 });
      this.setStatus('playing');
    } else {
      this.client = this.createClient({ hostId: welcome.hostId, epoch: 0 });
    }
    const enteredAt = options.clock.now();
    this.mesh.events.on('link-open', (link) => {
      (this.host ?? this.client)?.addLink(link);
      if (link.remoteId === welcome.hostId) this.connectMs ??= options.clock.now() - enteredAt;
      if (this.client?.connectedToHost) this.setStatus('playing');
    });
    this.mesh.events.on('link-closed', ({ remoteId, reason, opened }) => {
      // A member still in the room whose link never opened cannot be reached (one who left is just gone).
      if (!opened && this.currentStatus !== 'closed' && lobby.members.has(remoteId)) {
        this.events.emit('peer-unreachable', { peerId: remoteId, name: lobby.members.get(remoteId)?.name ?? remoteId, reason });
      }
      this.host?.removeLink(remoteId);
      this.client?.removeLink(remoteId);
      // Only a host we played with can be succeeded: a newcomer who never reached it has no game to carry on.
      if (opened && this.client && remoteId === this.client.host.hostId) this.replaceHost(this.client.host.epoch + 1, remoteId);
    });
    // Tell the lobby who hosts now, so its list and members see it at once. The lobby accepts the
    // report from the new host or from the flag holder handing over (docs/SPEC.md, "Host flag").
    this.events.on('host-changed', ({ hostId }) => {
      if (hostId === lobby.selfId || lobby.hostId === lobby.selfId) lobby.reportHostMigration(hostId);
    });
    // If the lobby restarts, the peer hosting the match (not the lobby's stale flag) re-creates the room.
    lobby.followMatchHost(() => this.hostClaim.hostId);
    this.mesh.start();
    this.loop = setInterval(() => this.loopTimes.time(() => this.update()), options.loopIntervalMs ?? 4);
  }

  /** Creates a game on the lobby (private unless `settings.isPublic`) and hosts it. */
  static async host<State>(options: MatchOptions<State>, settings: Partial<GameSettings> = {}): Promise<Result<Match<State>>> {
    return Match.over(options, LobbySession.host(options.lobbyUrl, options.name, settings, options));
  }

  /** Joins the game behind an invite code. */
  static async join<State>(options: MatchOptions<State>, code: string): Promise<Result<Match<State>>> {
    return Match.over(options, LobbySession.join(options.lobbyUrl, code, options.name, options));
  }

  /** Joins any public game with room. */
  static async quickJoin<State>(options: MatchOptions<State>): Promise<Result<Match<State>>> {
    return Match.over(options, LobbySession.quickJoin(options.lobbyUrl, options.name, options));
  }

  /** Takes back this tab's seat after a reload, with the token kept in sessionStorage. */
  static async resume<State>(options: MatchOptions<State>, reconnectionToken: string): Promise<Result<Match<State>>> {
    return Match.over(options, LobbySession.reconnect(options.lobbyUrl, reconnectionToken, options.name, options));
  }

  private static async over<State>(options: MatchOptions<State>, entering: Promise<Result<LobbySession>>): Promise<Result<Match<State>>> {
    const lobby = await entering;
    return lobby.ok ? ok(new Match(lobby.value, options)) : fail(lobby.reason);
  }

  /** The lobby room: members, host flag, lock, kick (for the lobby view). */
  get lobbyRoom(): LobbySession {
    return this.lobby;
  }

  get role(): MatchRole {
    return this.host ? 'host' : 'client';
  }

  get status(): MatchStatus {
    return this.currentStatus;
  }

  /** The invite code, which is also the lobby room id. */
  get code(): string {
    return this.lobby.welcome.code;
  }

  get selfId(): string {
    return this.lobby.selfId;
  }

  /** Peer messages refused so far (malformed or from a peer not entitled to send them). */
  get dropped(): Readonly<InboxCounters> {
    return (this.host ?? this.client)?.counters ?? { malformed: 0, unauthorized: 0 };
  }

  /** RTT, jitter, loss and traffic of every open peer link. */
  linkStats(): LinkStats[] {
    return this.mesh.stats();
  }

  // --- Read-only hooks for the social and diagnostics modules (src/social, src/view/overlay) ---
  /** The peer links, open and future: chat and voice talk to every peer directly, not via the host. */
  get peerLinks(): MeshLinks {
    return this.mesh;
  }

  /** The client's replication numbers for the net overlay; undefined while we host. */
  get replicationStats(): Readonly<ClientReplicationStats> | undefined {
    return this.client?.stats;
  }
  // --- end of hooks ---

  /**
   * Every entity as it should be drawn now: the host's own state, or on a client the others
   * interpolated a little in the past and our own player predicted.
   */
  entities(): Entity[] {
    if (this.host) return [...this.options.game.capture(this.host.state)];
    return this.client?.renderEntities() ?? [];
  }

  /** Who plays in which slot, as the host announced it. */
  roster(): readonly RosterEntry[] {
    return this.host ? this.host.roster() : (this.client?.roster ?? []);
  }

  /** Every player as it should be drawn now, with names (players' entity ids are their slots). */
  players(entities: readonly Entity[] = this.entities()): MatchPlayer[] {
    const bySlot = new Map(this.roster().map((entry) => [entry.slot, entry]));
    const players: MatchPlayer[] = [];
    for (const entity of entities) {
      const entry = bySlot.get(entity.id);
      if (!entry) continue;
      players.push({ slot: entity.id, x: entity.x, y: entity.y, peerId: entry.peerId, name: entry.name, isSelf: entry.peerId === this.selfId });
    }
    return players;
  }

  /** The slot our own player has, once the host has given us one. */
  get selfSlot(): number | undefined {
    return this.roster().find((entry) => entry.peerId === this.selfId)?.slot;
  }


  /**
   * Leaves the game: closes every peer link and the lobby room. With `keepSeat` (a page being
   * unloaded, maybe reloaded) the lobby connection is left to drop, so the lobby holds the seat
   * for its grace period and `resume` can take it back.
   */
  async close(options: { readonly keepSeat?: boolean } = {}): Promise<void> {
    if (this.currentStatus === 'closed') return;
    clearInterval(this.loop);
    this.mesh.close();
    this.setStatus('closed');
    this.events.clear();
    if (options.keepSeat !== true) await this.lobby.leave();
  }

  /** Who hosts now, and in which reign. */
  get hostClaim(): HostClaim {
    return this.client?.host ?? { hostId: this.selfId, epoch: this.host?.epochNumber ?? 0 };
  }

  private update(): void {
    this.host?.update();
    this.client?.update();
    if (this.currentStatus === 'migrating' && this.client && !this.client.isMigrating) this.setStatus('playing');
  }

  private alive = (peerId: string): boolean => peerId === this.selfId || this.mesh.link(peerId)?.state === 'open';

  /** Members who joined to watch, by the lobby's word (ourselves included). */
  private isSpectator = (peerId: string): boolean =>
    peerId === this.selfId ? this.lobby.spectator : this.lobby.members.get(peerId)?.spectator === true;

  /** Who may host: a player (not a spectator) whose link is open, or ourselves. */
  private eligible = (peerId: string): boolean => this.alive(peerId) && !this.isSpectator(peerId);

  /**
   * Hands the host role to another peer, if there is one: for a host whose tab is hidden (its
   * timers will be throttled to once a second). Returns false when no other peer is connected.
   */
  stepDown(): boolean {
    const host = this.host;
    const successor = electHost(this.joinOrder, (id) => id !== this.selfId && this.eligible(id));
    if (!host || successor === undefined) return false;
    const epoch = host.epochNumber + 1;
    host.yieldHost();
    host.dispose();
    this.host = undefined;
    this.client = this.createClient({ hostId: successor, epoch });
    for (const link of this.mesh.openLinks()) this.client.addLink(link);
    this.client.hostLost({ hostId: successor, epoch });
    this.setStatus('migrating');
    this.events.emit('host-changed', { hostId: successor, epoch });
    return true;
  }

  /**
   * The host left (its link closed) or yielded: every peer elects the same successor from the
   * same join order, leaving out the departing host.
   */
  private replaceHost(epoch: number, departing: string): void {
    const next = electHost(this.joinOrder, (id) => id !== departing && this.eligible(id));
    if (next === undefined) return;
    if (next === this.selfId) {
      this.takeOver(epoch);
      return;
    }
    this.client?.hostLost({ hostId: next, epoch });
    this.setStatus('migrating');
    this.events.emit('host-changed', { hostId: next, epoch });
  }

  /** We were elected: resume the world from what we hold and serve every open link. */
  private takeOver(epoch: number): void {
    const client = this.client;
    if (!client) return;
    const succession = prepareSuccession(client, this.options.game, this.selfId, this.alive);
    client.dispose();
    this.client = undefined;
    this.host = this.createHost({ ...succession, epoch });
    for (const link of this.mesh.openLinks()) this.host.addLink(link);
    this.setStatus('playing');
    this.events.emit('host-changed', { hostId: this.selfId, epoch });
  }

  /** A rival claims to host: if its claim wins, we hand over and follow it. */
  private rivalClaim(peerId: string, epoch: number): void {
    const host = this.host;
    if (!host || !supersedes({ hostId: peerId, epoch }, this.hostClaim, this.joinOrder)) return;
    host.dispose();
    this.host = undefined;
    this.client = this.createClient({ hostId: peerId, epoch });
    for (const link of this.mesh.openLinks()) this.client.addLink(link);
    this.setStatus('migrating');
    this.events.emit('host-changed', { hostId: peerId, epoch });
  }

  private createHost(start: { state: State; tick: number; epoch: number; hostSlot?: number; restoredTick?: number; reserved?: readonly RosterEntry[] }): HostSession<State> {
    return new HostSession({
      ...start,
      game: this.game,
      selfId: this.selfId,
      selfName: this.options.name,
      clock: this.options.clock,
      localInput: this.options.localInput,
      onRivalClaim: (peerId, epoch) => this.rivalClaim(peerId, epoch),
      isSpectator: this.isSpectator,
      started: () => this.lobby.started,
    });
  }

  private createClient(claim: HostClaim): ClientSession<State> {
    return new ClientSession({
      selfId: this.selfId,
      selfName: this.options.name,
      hostId: claim.hostId,
      epoch: claim.epoch,
      clock: this.options.clock,
      game: this.game,
      localInput: this.options.localInput,
      spectator: this.lobby.spectator,
      joinOrder: () => this.joinOrder,
      onHostYield: (hostId, epoch) => this.replaceHost(epoch + 1, hostId),
    });
  }

  private setStatus(status: MatchStatus): void {
    if (this.currentStatus === status) return;
    this.currentStatus = status;
    this.events.emit('status', status);
  }
}
