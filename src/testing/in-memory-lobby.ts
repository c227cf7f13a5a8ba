import { createLogger, type Logger } from '../../server/log.js';
import { GameRoom, type Auth } from '../../server/rooms/game-room.js';
import type { RoomListing } from '../../server/rooms/room-port.js';
import { generateInviteCode } from '../protocol/invite-code.js';
import { seededBytes } from '../util/random-token.js';
import { parseGameSettings, parseRecreation } from '../protocol/lobby-game.js';
import type { IceServerConfig } from '../protocol/lobby-messages.js';
import { LobbyEntryError, type LobbyRoomConnection, type LobbyTransport } from '../net/lobby-transport.js';
import type { Scheduler } from '../time/scheduler.js';
import { InMemoryConnection } from './in-memory-connection.js';

export interface InMemoryLobbyOptions {
  readonly scheduler: Scheduler;
  /** Invite codes, tokens and latency jitter come from here: one seed, one run. */
  readonly random: () => number;
  /** How long a member whose connection dropped keeps its seat (the real lobby's default: 30). */
  readonly graceSeconds?: number;
  /** One-way latency of the lobby connection, plus up to `jitterMs` more. */
  readonly latencyMs?: number;
  readonly jitterMs?: number;
  /** Messages per connection (the real lobby's token bucket); generous by default. */
  readonly messageRate?: { readonly burst: number; readonly perSecond: number };
  readonly iceServersFor?: (peerId: string) => readonly IceServerConfig[];
  readonly logger?: Logger;
}

/** A room as the in-memory lobby holds it: the real rules plus Colyseus's bookkeeping. */
interface HostedRoom {
  readonly game: GameRoom;
  readonly isPublic: boolean;
  readonly connections: Map<string, InMemoryConnection>;
  /** Seats held for dropped connections, by session id (Colyseus's allowReconnection). */
  readonly held: Map<string, { resolve: (client: InMemoryConnection) => void; reject: () => void }>;
  readonly listing: RoomListing | undefined;
}

/** What the simulation's invariants read about a room. */
export interface LobbyRoomView {
  readonly hostId: string | undefined;
  readonly order: readonly string[];
  readonly present: readonly string[];
  readonly away: readonly string[];
}

/**
 * A lobby in memory that behaves like the real one: the same room rules (GameRoom: admission,
 * host flag, kick, lock, ready, start, signal relay, join order), Colyseus's room lifecycle
 * (seat reservation, reconnection tokens, a grace period for dropped connections, rooms that
 * vanish when empty, quick join among public rooms with a seat), message latency, restarts and
 * players who cannot reach it. Driven by one Scheduler and one random source, so a whole game
 * session is repeatable from a seed. Used by the session simulation and by game authors' tests.
 */
export class InMemoryLobby {
  private readonly rooms = new Map<string, HostedRoom>();
  private readonly unreachable = new Set<string>();
  private readonly byPlayer = new Map<string, Set<InMemoryConnection>>();
  private readonly logger: Logger;
  private up = true;
  private sessions = 0;

  constructor(private readonly options: InMemoryLobbyOptions) {
    this.logger = options.logger ?? createLogger('silent');
  }

  /** The lobby as one player reaches it; `player` names the player for `setReachable`. */
  transport(player: string): LobbyTransport {
    return {
      create: (options) => this.request(player, () => this.create(player, options)),
      joinById: (code, options) => this.request(player, () => this.joinRoom(player, this.rooms.get(code), options, () => new LobbyEntryError(`room "${code}" not found`, 4212))),
      quickJoin: (options) => this.request(player, () => this.joinRoom(player, this.quickJoinRoom(), options, () => new LobbyEntryError('no rooms found with provided criteria', 4211))),
      reconnect: (token) => this.request(player, () => this.reconnect(player, token)),
    };
  }

  get isUp(): boolean {
    return this.up;
  }

  /**
   * The lobby process dies: every connection drops (players notice after `noticeMs`), every room
   * and seat is forgotten; it is back after `downMs`.
   */
  restart(downMs: number, noticeMs = 50): void {
    this.up = false;
    for (const room of this.rooms.values()) {
      for (const connection of room.connections.values()) connection.drop(noticeMs, undefined);
      for (const held of room.held.values()) held.reject();
    }
    this.rooms.clear();
    this.byPlayer.clear();
    this.options.scheduler.after(downMs, () => {
      this.up = true;
    });
  }

  /**
   * A player's network cannot reach the lobby (or can again). Its open connections drop: both
   * sides notice after `noticeMs`, as a WebSocket's keep-alive would.
   */
  setReachable(player: string, reachable: boolean, noticeMs = 1_000): void {
    if (reachable) {
      this.unreachable.delete(player);
      return;
    }
    this.unreachable.add(player);
    for (const connection of this.byPlayer.get(player) ?? []) connection.drop(noticeMs, noticeMs);
  }

  /** A player's page is gone (closed, killed, reloading): its connections drop; the lobby notices after `noticeMs`. */
  pageGone(player: string, noticeMs: number): void {
    for (const connection of this.byPlayer.get(player) ?? []) connection.drop(undefined, noticeMs);
    this.byPlayer.delete(player);
  }

  /** The room with this code as the lobby sees it, if it exists. */
  room(code: string): LobbyRoomView | undefined {
    const room = this.rooms.get(code);
    if (!room) return undefined;
    const order = room.game.roster.order();
    return {
      hostId: room.game.roster.hostId,
      order,
      present: order.filter((id) => !room.game.roster.isAway(id)),
      away: order.filter((id) => room.game.roster.isAway(id)),
    };
  }

  /** Runs a matchmaking request after a round trip, or fails like an unreachable server. */
  private request(player: string, work: () => Promise<LobbyRoomConnection>): Promise<LobbyRoomConnection> {
    return new Promise((resolve, reject) => {
      this.options.scheduler.after(this.latency() * 2, () => {
        if (!this.up || this.unreachable.has(player)) {
          reject(new LobbyEntryError('fetch failed', undefined));
          return;
        }
        work().then(resolve, reject);
      });
    });
  }

  private async create(player: string, options: Readonly<Record<string, unknown>>): Promise<LobbyRoomConnection> {
    const settings = parseGameSettings(options);
    if (!settings.ok) throw LobbyEntryError.refused('bad-request', settings.reason);
    const recreation = parseRecreation(options);
    if (!recreation.ok) throw LobbyEntryError.refused('bad-request', recreation.reason);
    const { code: wanted, order, locked, keyTags } = recreation.value;
    if (wanted !== undefined && this.rooms.has(wanted)) throw LobbyEntryError.refused('code-taken', `game ${wanted} already exists`);
    const code = wanted ?? this.freshCode();
    const connections = new Map<string, InMemoryConnection>();
    let listing: RoomListing | undefined;
    const game = new GameRoom({
      code,
      settings: settings.value,
      order,
      keyTags,
      locked,
      recreated: wanted !== undefined,
      context: {
        logger: this.logger,
        limits: { messages: this.options.messageRate ?? { burst: 10_000, perSecond: 10_000 } },
        iceServersFor: this.options.iceServersFor ?? (() => []),
        stunPort: () => undefined,
        stunProbePort: () => undefined,
      },
      port: {
        broadcast: (type, payload, except) => {
          for (const connection of connections.values()) if (connection !== except) connection.send(type, payload);
        },
        client: (sessionId) => connections.get(sessionId),
        publish: (next) => {
          listing = next;
          return Promise.resolve();
        },
      },
      now: () => this.options.scheduler.now(),
      after: (ms, task) => void this.options.scheduler.after(ms, task),
      graceSeconds: this.options.graceSeconds ?? 30,
    });
    const room: HostedRoom = {
      game,
      isPublic: settings.value.isPublic,
      connections,
      held: new Map(),
      get listing() {
        return listing;
      },
    };
    this.rooms.set(code, room);
    try {
      return await this.joinRoom(player, room, options, () => new LobbyEntryError(`room "${code}" not found`, 4212));
    } catch (error: unknown) {
      this.disposeIfEmpty(code);
      throw error;
    }
  }

  /** Joins `room`, or fails with `missing()` (Colyseus's error for the call) when there is none. */
  private async joinRoom(player: string, room: HostedRoom | undefined, options: Readonly<Record<string, unknown>>, missing: () => LobbyEntryError): Promise<LobbyRoomConnection> {
    if (!room) throw missing();
    const verdict = room.game.authorize(options);
    if (!verdict.ok) throw LobbyEntryError.refused(verdict.refusal.code, verdict.refusal.reason);
    const connection = this.connect(player, room, `s${this.sessions++}`);
    await room.game.join(connection, verdict.auth satisfies Auth);
    return connection.player;
  }

  private quickJoinRoom(): HostedRoom | undefined {
    for (const room of this.rooms.values()) if (room.isPublic && room.listing?.hasSeat === true) return room;
    return undefined;
  }

  private reconnect(player: string, token: string): Promise<LobbyRoomConnection> {
    const [code = '', sessionId = ''] = token.split(':');
    const room = this.rooms.get(code);
    const held = room?.held.get(sessionId);
    if (!room || !held) return Promise.reject(new LobbyEntryError('reconnection token invalid or expired', 4214));
    room.held.delete(sessionId);
    const connection = this.connect(player, room, sessionId);
    held.resolve(connection);
    return Promise.resolve(connection.player);
  }

  private connect(player: string, room: HostedRoom, sessionId: string): InMemoryConnection {
    const code = room.game.code;
    const connection = new InMemoryConnection(
      sessionId,
      `${code}:${sessionId}`,
      this.options.scheduler,
      () => this.latency(),
      (type, payload) => room.game.receive(connection, type, payload),
      (consented) => void this.ended(room, connection, consented),
    );
    room.connections.set(sessionId, connection);
    const mine = this.byPlayer.get(player) ?? new Set();
    mine.add(connection);
    this.byPlayer.set(player, mine);
    return connection;
  }

  private async ended(room: HostedRoom, connection: InMemoryConnection, consented: boolean): Promise<void> {
    if (room.connections.get(connection.sessionId) === connection) room.connections.delete(connection.sessionId);
    const scheduler = this.options.scheduler;
    await room.game.connectionEnded(connection, consented, {
      seconds: this.options.graceSeconds ?? 30,
      hold: (dropped, seconds) => {
        let settle: { resolve: (client: InMemoryConnection) => void; reject: () => void } | undefined;
        const promise = new Promise<InMemoryConnection>((resolve, reject) => {
          settle = { resolve, reject: () => reject(new Error('reconnection cancelled')) };
        });
        const cancelTimer = scheduler.after(seconds * 1_000, () => {
          room.held.delete(dropped.sessionId);
          settle?.reject();
        });
        const entry = {
          resolve: (client: InMemoryConnection) => {
            cancelTimer();
            settle?.resolve(client);
          },
          reject: () => {
            cancelTimer();
            room.held.delete(dropped.sessionId);
            settle?.reject();
          },
        };
        room.held.set(dropped.sessionId, entry);
        return { promise, reject: entry.reject };
      },
    });
    this.disposeIfEmpty(room.game.code);
  }

  /** Colyseus disposes a room once nobody is in it and no seat is held. */
  private disposeIfEmpty(code: string): void {
    const room = this.rooms.get(code);
    if (room && room.connections.size === 0 && room.held.size === 0 && room.game.roster.size === 0) this.rooms.delete(code);
  }

  private freshCode(): string {
    for (;;) {
      const code = generateInviteCode(seededBytes(this.options.random));
      if (!this.rooms.has(code)) return code;
    }
  }

  private latency(): number {
    return (this.options.latencyMs ?? 20) + this.options.random() * (this.options.jitterMs ?? 10);
  }
}
