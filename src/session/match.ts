import { LobbySession } from '../net/lobby-client.js';
import { Mesh, type LinkFactory } from '../net/mesh.js';
import type { LinkStats, MonitorOptions } from '../net/monitored-link.js';
import type { GameSettings } from '../protocol/lobby-game.js';
import type { IceServerConfig } from '../protocol/lobby-messages.js';
import { createWorld, type WorldConfig } from '../sim/world.js';
import type { Clock } from '../time/clock.js';
import { Emitter } from '../util/emitter.js';
import { fail, ok, type Result } from '../util/result.js';
import { ClientSession } from './client-session.js';
import { HostSession } from './host-session.js';
import type { InboxCounters } from './peer-inbox.js';

export type MatchRole = 'host' | 'client';

/**
 * `connecting`: in the lobby room, peer links not up yet. `playing`: the host is reachable (or we
 * are it). `host-left`: the host's link closed; the game cannot go on without it (host migration
 * is not part of this session's work). `closed`: we left.
 */
export type MatchStatus = 'connecting' | 'playing' | 'host-left' | 'closed';

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
}

/** Builds the peer link for one member, given the ICE servers the lobby handed out. */
export type LinkFactoryFor = (iceServers: readonly IceServerConfig[]) => LinkFactory;

export interface MatchOptions {
  /** WebSocket URL of the lobby, e.g. `ws://localhost:2567`. */
  readonly lobbyUrl: string;
  readonly name: string;
  /** This browser's key (localStorage); lets a host's kick keep it out. A fresh one if omitted. */
  readonly playerKey?: string;
  readonly clock: Clock;
  readonly world: WorldConfig;
  readonly localButtons: () => number;
  readonly linkFactory: LinkFactoryFor;
  /** Liveness and backpressure settings of every peer link (defaults: see MonitorOptions). */
  readonly monitor?: MonitorOptions;
  /** How often the match loop runs; the simulation itself is fixed-step regardless. */
  readonly loopIntervalMs?: number;
}

/**
 * One player's part in one game: the lobby room, the peer mesh, and the host or client role.
 * The composition point of the engine's layers; views read from it and never reach below it.
 */
export class Match {
  readonly events = new Emitter<MatchEvents>();
  /**
   * Milliseconds from entering the lobby room to the peer link with the host being open
   * (undefined for the host, or before it opens): the WebRTC handshake as the player waits for it.
   */
  connectMs: number | undefined;
  private currentStatus: MatchStatus = 'connecting';
  private readonly mesh: Mesh;
  private readonly host: HostSession | undefined;
  private readonly client: ClientSession | undefined;
  private readonly loop: ReturnType<typeof setInterval>;

  private constructor(
    private readonly lobby: LobbySession,
    options: MatchOptions,
  ) {
    const welcome = lobby.welcome;
    this.mesh = new Mesh(lobby, options.linkFactory(welcome.iceServers), options.monitor);
    const common = { selfId: lobby.selfId, selfName: options.name, clock: options.clock };
    if (welcome.hostId === lobby.selfId) {
      this.host = new HostSession({ ...common, world: createWorld(options.world), localButtons: options.localButtons });
      this.setStatus('playing');
    } else {
      this.client = new ClientSession({ ...common, hostId: welcome.hostId, world: options.world, localButtons: options.localButtons });
    }
    const enteredAt = options.clock.now();
    this.mesh.events.on('link-open', (link) => {
      (this.host ?? this.client)?.addLink(link);
      if (link.remoteId === welcome.hostId) this.connectMs ??= options.clock.now() - enteredAt;
      if (this.client?.connectedToHost) this.setStatus('playing');
    });
    this.mesh.events.on('link-closed', ({ remoteId }) => {
      this.host?.removeLink(remoteId);
      if (remoteId === welcome.hostId && this.client) this.setStatus('host-left');
    });
    this.mesh.start();
    this.loop = setInterval(() => this.update(), options.loopIntervalMs ?? 4);
  }

  /** Creates a game on the lobby (private unless `settings.isPublic`) and hosts it. */
  static async host(options: MatchOptions, settings: Partial<GameSettings> = {}): Promise<Result<Match>> {
    return Match.over(options, LobbySession.host(options.lobbyUrl, options.name, settings, options.playerKey));
  }

  /** Joins the game behind an invite code. */
  static async join(options: MatchOptions, code: string): Promise<Result<Match>> {
    return Match.over(options, LobbySession.join(options.lobbyUrl, code, options.name, options.playerKey));
  }

  /** Joins any public game with room. */
  static async quickJoin(options: MatchOptions): Promise<Result<Match>> {
    return Match.over(options, LobbySession.quickJoin(options.lobbyUrl, options.name, options.playerKey));
  }

  /** Takes back this tab's seat after a reload, with the token kept in sessionStorage. */
  static async resume(options: MatchOptions, reconnectionToken: string): Promise<Result<Match>> {
    return Match.over(options, LobbySession.reconnect(options.lobbyUrl, reconnectionToken));
  }

  private static async over(options: MatchOptions, entering: Promise<Result<LobbySession>>): Promise<Result<Match>> {
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

  /** Every player as it should be drawn now, with names. */
  players(): MatchPlayer[] {
    const roster = this.host ? this.host.roster() : (this.client?.roster ?? []);
    const bySlot = new Map(roster.map((entry) => [entry.slot, entry]));
    const positions = this.host ? [...this.host.world.players.values()] : (this.client?.renderPlayers() ?? []);
    const players: MatchPlayer[] = [];
    for (const position of positions) {
      const entry = bySlot.get(position.slot);
      if (!entry) continue;
      const { slot, x, y } = position;
      players.push({ slot, x, y, peerId: entry.peerId, name: entry.name, isSelf: entry.peerId === this.selfId });
    }
    return players;
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

  private update(): void {
    this.host?.update();
    this.client?.update();
  }

  private setStatus(status: MatchStatus): void {
    if (this.currentStatus === status) return;
    this.currentStatus = status;
    this.events.emit('status', status);
  }
}
