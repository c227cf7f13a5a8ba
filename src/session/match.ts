import { LobbySession, type SessionOptions } from '../net/lobby-client.js';
import { Mesh, type MeshLinks } from '../net/mesh.js';
import type { LinkStats, MonitorOptions } from '../net/monitored-link.js';
import type { GameSettings } from '../protocol/lobby-game.js';
import { PeerMessageType, type RosterEntry } from '../protocol/peer-messages.js';
import { Channel, type PeerLink } from '../net/peer-link.js';
import type { EntityOf, GameDefinition, GameFields } from '../game/definition.js';
import { chooseVariant } from '../game/variants.js';
import { DEFAULT_VARIANT } from '../protocol/variant-id.js';
import { ReplicatedGame } from '../game/replicated-game.js';
import { every } from '../time/scheduler.js';
import { DurationStats } from '../util/duration-stats.js';
import { Emitter } from '../util/emitter.js';
import { fail, ok, type Result } from '../util/result.js';
import { Authority } from './authority.js';
import type { AuthorityPhase, Recollection } from './authority-contract.js';
import { ClientSession, type ClientReplicationStats } from './client-session.js';
import type { HostClaim } from './host-election.js';
import { HostSession } from './host-session.js';
import { LobbyFlagSync } from './lobby-flag-sync.js';
import { MatchView } from './match-view.js';
import { type MatchEvents, type MatchOptions, type ResolvedMatchOptions, type MatchPlayer, type MatchRole, type MatchStatus, namedPlayers, statusOf } from './match-types.js';
import { broadcastMessage, type InboxCounters } from './peer-inbox.js';
import { prepareSuccession, type Succession } from './takeover.js';

/**
 * A host whose link is alive but who sends us no snapshot for this long leads nothing (it may be
 * a hostile peer that announced a reign it does not host): we elect without it. Not while the link
 * itself is quiet and restarting ICE (a network change, ours or the host's): the link decides
 * then, and gives up after MonitorOptions.restartingSilenceTimeoutMs.
 */
const HOST_QUIET_MS = 3_000;

/** Silence after which a peer (the host included) is declared gone; see MatchOptions.monitor. */
const DEFAULT_MONITOR: MonitorOptions = { pingIntervalMs: 250, silenceTimeoutMs: 1_200 };

export type { LinkFactoryFor, MatchEvents, MatchOptions, MatchPlayer, MatchRole, MatchStatus } from './match-types.js';

/**
 * One player's part in one game: the lobby room, the peer mesh, and the host or client role.
 * The composition point of the engine's layers; views read from it and never reach below it.
 * Who hosts is the Authority's decision (authority.ts); this class carries it out.
 */
export class Match<State = unknown, Fields extends GameFields = GameFields> {
  readonly events = new Emitter<MatchEvents>();
  /**
   * Milliseconds from entering the lobby room to following the host (undefined for a peer that
   * started the game, or before): the WebRTC handshake as the player waits for it.
   */
  connectMs: number | undefined;
  /** How long each run of the match loop takes (simulation, snapshots, input): the CPU it costs. */
  readonly loopTimes = new DurationStats();
  /** Peer messages refused so far, whatever role we had when they came. */
  readonly dropped: InboxCounters = { malformed: 0, unauthorized: 0 };
  private currentStatus: MatchStatus = 'connecting';
  private readonly mesh: Mesh;
  private readonly authority: Authority;
  private readonly flagSync: LobbyFlagSync;
  private host: HostSession<State> | undefined;
  private client: ClientSession<State>;
  private readonly game: ReplicatedGame<State>;
  private readonly stopLoop: () => void;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly view: MatchView;
  /** We told our peers a reign we follow or host, and have not taken it back since. */
  private toldReign = false;
  private readonly enteredAt: number;
  private closed = false;

  private constructor(
    private readonly lobby: LobbySession,
    private readonly options: ResolvedMatchOptions<State, Fields>,
  ) {
    const scheduler = options.scheduler;
    this.game = new ReplicatedGame(options.game);
    this.enteredAt = scheduler.now();
    this.mesh = new Mesh(lobby, options.linkFactory(lobby.iceServers), { ...(options.monitor ?? DEFAULT_MONITOR), scheduler }, options.random);
    const world = { roster: () => this.roster(), hasWorld: () => this.host !== undefined || this.client.hasWorld };
    this.view = new MatchView(lobby, this.mesh, scheduler, world, options.recollection);
    this.client = this.createClient();
    this.flagSync = new LobbyFlagSync(lobby, () => this.view.isKeeper(), () => this.authority.phase, () => this.authority.reign.hostId);
    this.authority = new Authority(
      this.view,
      {
        host: (epoch) => this.becomeHost(epoch),
        follow: (claim) => this.follow(claim),
        migrate: () => this.migrate(),
        yieldHost: () => this.yieldHost(),
        renumber: (epoch) => {
          this.host?.renumber(epoch);
          this.hostChanged({ hostId: this.selfId, epoch });
        },
      },
      options.recollection,
    );
    this.listen();
    // If the lobby restarts, the peer hosting the match (not the lobby's stale flag) re-creates the room.
    lobby.followMatchHost(() => (this.authority.phase === 'hosting' || this.authority.phase === 'following' ? this.authority.reign.hostId : undefined));
    this.authority.start();
    this.updateStatus();
    this.mesh.start();
    this.stopLoop = every(scheduler, options.loopIntervalMs ?? 4, () => this.loopTimes.time(() => this.update()));
  }

  /** Creates a game on the lobby (private unless `settings.isPublic`) and hosts it. */
  static async host<State, Fields extends GameFields = GameFields>(options: MatchOptions<State, Fields>, settings: Partial<GameSettings> = {}): Promise<Result<Match<State, Fields>>> {
    const variant = chooseVariant(options.game, settings.variant ?? DEFAULT_VARIANT);
    if (!variant.ok) return variant;
    return Match.over(options, LobbySession.host(options.lobby, options.name, settings, Match.session(options)));
  }

  /** Joins the game behind an invite code. */
  static async join<State, Fields extends GameFields = GameFields>(options: MatchOptions<State, Fields>, code: string): Promise<Result<Match<State, Fields>>> {
    return Match.over(options, LobbySession.join(options.lobby, code, options.name, Match.session(options)));
  }

  /** Joins any public game with room. */
  static async quickJoin<State, Fields extends GameFields = GameFields>(options: MatchOptions<State, Fields>): Promise<Result<Match<State, Fields>>> {
    return Match.over(options, LobbySession.quickJoin(options.lobby, options.name, Match.session(options)));
  }

  /** Takes back this tab's seat after a reload, with the token kept in sessionStorage. */
  static async resume<State, Fields extends GameFields = GameFields>(options: MatchOptions<State, Fields>, reconnectionToken: string): Promise<Result<Match<State, Fields>>> {
    return Match.over(options, LobbySession.reconnect(options.lobby, reconnectionToken, options.name, Match.session(options)));
  }

  private static session<State, Fields extends GameFields>(options: MatchOptions<State, Fields>): SessionOptions {
    const { playerKey, peerId, spectate, reattach, scheduler, random } = options;
    return {
      scheduler,
      ...(playerKey === undefined ? {} : { playerKey }),
      ...(peerId === undefined ? {} : { peerId }),
      ...(spectate === undefined ? {} : { spectate }),
      ...(reattach === undefined ? {} : { reattach }),
      ...(random === undefined ? {} : { random }),
    };
  }

  private static async over<State, Fields extends GameFields>(options: MatchOptions<State, Fields>, entering: Promise<Result<LobbySession>>): Promise<Result<Match<State, Fields>>> {
    const lobby = await entering;
    if (!lobby.ok) return fail(lobby.reason);
    // The lobby says which version of the game this match runs; a page without it stays out.
    const game = chooseVariant(options.game, lobby.value.welcome.game.variant);
    if (game.ok) return ok(new Match(lobby.value, { ...options, game: game.value }));
    await lobby.value.leave();
    return game;
  }

  /** The game this match runs: the variant its host chose, when the game has several. */
  get definition(): GameDefinition<State, Fields> {
    return this.options.game;
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

  /** Who hosts now (or, before the first host is heard, the one we wait for), and in which reign. */
  get hostClaim(): HostClaim {
    return this.authority.reign;
  }

  /** Where the session state machine is (see authority.ts); for diagnostics and the simulation. */
  get phase(): AuthorityPhase {
    return this.authority.phase;
  }

  /**
   * What this page would need after a reload to elect like its peers (the reign it follows or
   * hosts, and its host's players); undefined while it follows nobody. Keep it with the seat.
   */
  get recollection(): Recollection | undefined {
    const phase = this.authority.phase;
    if (phase !== 'hosting' && phase !== 'following') return undefined;
    return { reign: this.authority.reign, players: this.roster().map((entry) => entry.peerId) };
  }

  /** While joining or migrating: the peer we expect to lead (undefined: nobody eligible yet). */
  get awaitedHost(): string | undefined {
    return this.authority.candidate;
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
    return this.host ? undefined : this.client.stats;
  }
  // --- end of hooks ---

  /**
   * Every entity as it should be drawn now: the host's own state, or on a client the others
   * interpolated a little in the past and our own player predicted.
   */
  entities(): EntityOf<Fields>[] {
    // The replication layer handles any game's fields; this match's game declared `Fields`, and
    // every entity it decodes or captures carries exactly those (ReplicatedGame completes them).
    const entities = this.host ? this.game.entities(this.host.state) : this.client.renderEntities();
    return entities as EntityOf<Fields>[];
  }

  /**
   * While hosting, each peer's snapshot stream (sent, complete, body bytes); empty otherwise. With
   * `decodeTimes` on a client, what replication costs each side (bench:scale, the net overlay).
   */
  snapshotStreams(): ReturnType<HostSession<State>['snapshotStreams']> {
    return this.host?.snapshotStreams() ?? [];
  }

  /** A client's CPU time per decoded snapshot (undefined while hosting). */
  get decodeTimes(): DurationStats | undefined {
    return this.host ? undefined : this.client.decodeTimes;
  }

  /** Who plays in which slot, as the host announced it. */
  roster(): readonly RosterEntry[] {
    return this.host ? this.host.roster() : this.client.roster;
  }

  /** Every player as it should be drawn now, with names (players' entity ids are their slots). */
  players(entities: readonly EntityOf<Fields>[] = this.entities()): MatchPlayer[] {
    return namedPlayers(entities, this.roster(), this.selfId);
  }

  /** The slot our own player has, once the host has given us one. */
  get selfSlot(): number | undefined {
    return this.roster().find((entry) => entry.peerId === this.selfId)?.slot;
  }

  /**
   * Leaves the game: closes every peer link and the lobby room. With `keepSeat` (a page being
   * unloaded, maybe reloaded) the lobby connection is dropped without leaving, so the lobby holds
   * the seat for its grace period and `resume` can take it back. Nothing of this match acts on what
   * happens after this call starts: links closing now are our own doing, not a host to replace.
   */
  async close(options: { readonly keepSeat?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopLoop();
    for (const off of this.unsubscribe) off();
    this.flagSync.stop();
    this.mesh.close();
    this.setStatus('closed');
    this.events.clear();
    if (options.keepSeat === true) this.lobby.abandon();
    else await this.lobby.leave();
  }

  /**
   * Hands the host role to another peer, if there is one: for a host whose tab is hidden (its
   * timers will be throttled to once a second). Returns false when no other player is reachable.
   */
  stepDown(): boolean {
    const host = this.host;
    return host !== undefined && this.authority.handOff((peerId) => host.holdsWorld(peerId));
  }

  private listen(): void {
    const lobby = this.lobby;
    this.unsubscribe.push(
      this.mesh.events.on('link-open', (link) => {
        (this.host ?? this.client).addLink(link);
        this.view.noteLinked(link.remoteId);
        this.tellFollowing([link]);
        this.authority.linkOpened();
        this.updateStatus();
      }),
      this.mesh.events.on('link-closed', ({ remoteId, reason, opened }) => {
        // A member still in the room whose link never opened cannot be reached (one who left is just gone).
        if (!opened && lobby.members.has(remoteId)) {
          this.events.emit('peer-unreachable', { peerId: remoteId, name: lobby.members.get(remoteId)?.name ?? remoteId, reason });
        }
        this.host?.removeLink(remoteId);
        this.client.removeLink(remoteId);
        this.view.linkClosed(remoteId);
        this.authority.linkClosed(remoteId);
        this.updateStatus();
      }),
      lobby.events.on('member-joined', (member) => {
        this.view.noteMembers([member]);
        this.authority.viewChanged();
      }),
      lobby.events.on('member-left', () => this.authority.viewChanged()),
      lobby.events.on('host-changed', () => {
        this.authority.viewChanged();
        this.flagSync.check();
      }),
      lobby.events.on('reattached', (welcome) => {
        this.view.noteMembers(welcome.members);
        this.authority.lobbyBack();
        this.authority.viewChanged();
        this.flagSync.check();
      }),
    );
  }

  private update(): void {
    const hostRestarting = this.mesh.restarting(this.authority.reign.hostId);
    if (this.authority.phase === 'following' && this.client.hostQuietMs > HOST_QUIET_MS && !hostRestarting) this.authority.hostSilent();
    this.authority.tick();
    this.host?.update();
    if (!this.host) this.client.update();
    this.flagSync.tick(this.options.scheduler.now());
    this.updateStatus();
  }

  // --- The Authority's roles ---
  /** We lead: a fresh game (epoch 0 at creation), or the world we hold as a successor. */
  private becomeHost(epoch: number): void {
    const client = this.client;
    const alive = (id: string): boolean => id === this.selfId || this.mesh.link(id)?.state === 'open';
    const start = client.hasWorld
      ? prepareSuccession(client, this.options.game, this.selfId, alive)
      : { state: this.options.game.createState(), tick: 0 };
    client.dispose();
    this.host = this.createHost({ ...start, epoch });
    for (const link of this.mesh.openLinks()) this.host.addLink(link);
    this.hostChanged({ hostId: this.selfId, epoch });
  }

  private follow(claim: HostClaim): void {
    this.connectMs ??= this.options.scheduler.now() - this.enteredAt;
    this.client.follow(claim);
    this.hostChanged(claim);
  }

  private migrate(): void {
    this.client.holdStill();
    if (this.toldReign) {
      // Whoever weighs the reign we followed must not count us for it any more.
      this.toldReign = false;
      broadcastMessage(this.mesh.openLinks(), Channel.Reliable, { type: PeerMessageType.Follow, hostId: '', epoch: 0 });
    }
    this.updateStatus();
  }

  /** We stop hosting: our followers hear it; we carry on as a client (a follow or migrate comes next). */
  private yieldHost(): void {
    const host = this.host;
    if (!host) return;
    host.yieldHost();
    // Read before dispose, which forgets the links the roster is made of.
    const roster = host.rosterState();
    host.dispose();
    this.host = undefined;
    this.client = this.createClient();
    this.client.adopt(this.game.capture(host.state, host.tick), roster);
    for (const link of this.mesh.openLinks()) this.client.addLink(link);
  }
  // --- end of roles ---

  private hostChanged(claim: HostClaim): void {
    this.tellFollowing(this.mesh.openLinks());
    this.updateStatus();
    this.events.emit('host-changed', claim);
    this.flagSync.check();
  }

  /** Tells peers which reign we follow or host (see FollowMessage). */
  private tellFollowing(links: readonly PeerLink[]): void {
    const phase = this.authority.phase;
    if (phase !== 'hosting' && phase !== 'following') return;
    this.toldReign = true;
    broadcastMessage(links, Channel.Reliable, { type: PeerMessageType.Follow, ...this.authority.reign });
  }

  private createHost(start: { state: State; tick: number; epoch: number } & Partial<Succession<State>>): HostSession<State> {
    return new HostSession({
      ...start,
      ...this.sessionBasics(),
      onRivalClaim: (peerId, epoch) => this.authority.rivalClaim(peerId, epoch),
      isSpectator: (id) => this.view.isSpectator(id),
      started: () => this.lobby.started,
      ...(this.options.uploadBudgetBitsPerSecond === undefined ? {} : { uploadBudgetBitsPerSecond: this.options.uploadBudgetBitsPerSecond }),
    });
  }

  private readonly noteFollow = (from: string, claim: HostClaim): void => {
    this.view.noteFollow(from, claim);
    // Whom we wait for may depend on it (a candidate that moved on to a newer reign).
    this.authority.viewChanged();
  };

  private createClient(): ClientSession<State> {
    return new ClientSession({
      ...this.sessionBasics(),
      authority: {
        claim: (from, epoch) => this.authority.claim(from, epoch),
        hostYielded: (from, epoch) => this.authority.hostYielded(from, epoch),
      },
      spectator: this.lobby.spectator,
    });
  }

  /**
   * What the host and the client role share: who we are (by the name the lobby gave us: a blank
   * one became `Player N`), the game, time, input, counters.
   */
  private sessionBasics() {
    const { scheduler: clock, localInput } = this.options;
    return { game: this.game, selfId: this.selfId, selfName: this.lobby.welcome.name, clock, localInput, counters: this.dropped, onFollow: this.noteFollow };
  }

  private updateStatus(): void {
    if (this.closed) return;
    this.setStatus(statusOf(this.authority.phase, this.client.connectedToHost));
  }

  private setStatus(status: MatchStatus): void {
    if (this.currentStatus === status) return;
    this.currentStatus = status;
    this.events.emit('status', status);
  }
}
