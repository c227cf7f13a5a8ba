import { Client, type Room } from 'colyseus.js';
import type { GameSettings } from '../protocol/lobby-game.js';
import {
  LobbyMessage,
  MATCH_ROOM,
  parseHostRef,
  parseLockState,
  parseMemberJoined,
  parseMemberLeft,
  parseSignalDelivery,
  parseWelcome,
  type LobbyErrorPayload,
  type MemberInfo,
  type SignalDelivery,
  type WelcomePayload,
} from '../protocol/lobby-messages.js';
import { parseInviteCode } from '../protocol/invite-code.js';
import { Emitter } from '../util/emitter.js';
import { fail, ok, type Result } from '../util/result.js';
import { describeJoinError, parseLobbyError } from './lobby-errors.js';

export interface LobbyEvents extends Record<string, unknown> {
  'member-joined': MemberInfo;
  'member-left': { readonly id: string };
  'host-changed': { readonly hostId: string };
  locked: { readonly locked: boolean };
  /** The host removed us; `disconnected` follows. */
  kicked: Record<string, never>;
  signal: SignalDelivery;
  'lobby-error': LobbyErrorPayload;
  /** The lobby connection ended. Peer links that are already open are not affected. */
  disconnected: { readonly code: number };
}

/** How long to wait for the lobby's welcome after the join itself succeeded. */
const WELCOME_TIMEOUT_MS = 5_000;
const RECONNECT_ATTEMPTS = 5;
const RECONNECT_RETRY_MS = 250;

/** A fresh random browser key (see `parsePlayerKey`); callers keep it in localStorage. */
export function newPlayerKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The browser's (or a test's) connection to one lobby room. The only module that imports
 * colyseus.js besides its error helper. Every message from the lobby is validated before it is
 * emitted; invalid ones are counted in `droppedMessages`. Keeps the member list and the host
 * flag current so views can show them.
 */
export class LobbySession {
  readonly events = new Emitter<LobbyEvents>();
  droppedMessages = 0;
  readonly members = new Map<string, MemberInfo>();
  hostId: string;
  locked: boolean;
  private connected = true;

  private constructor(
    private readonly room: Room,
    readonly welcome: WelcomePayload,
  ) {
    for (const member of welcome.members) this.members.set(member.id, member);
    this.hostId = welcome.hostId;
    this.locked = welcome.game.locked;
  }

  /** Creates a new game (private unless `settings.isPublic`) and joins it as the host. */
  static async host(endpoint: string, name: string, settings: Partial<GameSettings> = {}, playerKey = newPlayerKey()): Promise<Result<LobbySession>> {
    return LobbySession.enter(() => new Client(endpoint).create(MATCH_ROOM, { ...settings, name, playerKey }));
  }

  /** Joins the game with this invite code. */
  static async join(endpoint: string, code: string, name: string, playerKey = newPlayerKey()): Promise<Result<LobbySession>> {
    const parsed = parseInviteCode(code);
    if (!parsed.ok) return parsed;
    return LobbySession.enter(() => new Client(endpoint).joinById(parsed.value, { name, playerKey }));
  }

  /** Joins any public game that has room (the lobby picks it). */
  static async quickJoin(endpoint: string, name: string, playerKey = newPlayerKey()): Promise<Result<LobbySession>> {
    return LobbySession.enter(() => new Client(endpoint).join(MATCH_ROOM, { name, playerKey }));
  }

  /**
   * Takes back a seat lost less than the grace period ago; tokens are single-use. A reload can
   * be faster than the lobby noticing the old socket is gone, so a refused token is retried a
   * few times before giving up.
   */
  static async reconnect(endpoint: string, token: string): Promise<Result<LobbySession>> {
    let result = await LobbySession.enter(() => new Client(endpoint).reconnect(token));
    for (let attempt = 1; attempt < RECONNECT_ATTEMPTS && !result.ok; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_RETRY_MS));
      result = await LobbySession.enter(() => new Client(endpoint).reconnect(token));
    }
    return result;
  }

  get selfId(): string {
    return this.welcome.self;
  }

  /** Give this to `reconnect` after a reload (kept in sessionStorage); it changes on every join. */
  get reconnectionToken(): string {
    return this.room.reconnectionToken;
  }

  /** Relays an opaque signaling payload to another member of the room. */
  sendSignal(to: string, data: string): void {
    this.room.send(LobbyMessage.Signal, { to, data });
  }

  /** Host only: removes a member, who cannot come back to this game from this browser. */
  kick(id: string): void {
    this.room.send(LobbyMessage.Kick, { id });
  }

  /** Host only: closes (or reopens) the game to new players. */
  lock(locked: boolean): void {
    this.room.send(LobbyMessage.Lock, { locked });
  }

  /** Tells the lobby the match moved authority to `hostId` (sent by the new or the old host). */
  reportHostMigration(hostId: string): void {
    if (this.connected && hostId !== this.hostId) this.room.send(LobbyMessage.HostMigrated, { hostId });
  }

  /** Leaves the room on purpose; does nothing if the connection already ended. */
  async leave(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.room.leave(true).catch(() => undefined);
  }

  private static async enter(join: () => Promise<Room>): Promise<Result<LobbySession>> {
    let room: Room;
    try {
      room = await join();
    } catch (error: unknown) {
      return fail(describeJoinError(error));
    }
    const welcome = await waitForWelcome(room);
    if (!welcome.ok) {
      await room.leave(true).catch(() => undefined);
      return welcome;
    }
    const session = new LobbySession(room, welcome.value);
    session.listen();
    return ok(session);
  }

  private listen(): void {
    this.forward(LobbyMessage.MemberJoined, parseMemberJoined, 'member-joined', (member) => this.members.set(member.id, member));
    this.forward(LobbyMessage.MemberLeft, parseMemberLeft, 'member-left', ({ id }) => this.members.delete(id));
    this.forward(LobbyMessage.HostChanged, parseHostRef, 'host-changed', ({ hostId }) => (this.hostId = hostId));
    this.forward(LobbyMessage.Locked, parseLockState, 'locked', ({ locked }) => (this.locked = locked));
    this.forward(LobbyMessage.Kicked, () => ok({}), 'kicked');
    this.forward(LobbyMessage.Signal, parseSignalDelivery, 'signal');
    this.forward(LobbyMessage.Error, parseLobbyError, 'lobby-error');
    this.room.onLeave((code) => {
      this.connected = false;
      this.events.emit('disconnected', { code });
    });
  }

  private forward<K extends keyof LobbyEvents>(
    type: string,
    parse: (value: unknown) => Result<LobbyEvents[K]>,
    event: K,
    apply: (value: LobbyEvents[K]) => void = () => undefined,
  ): void {
    this.room.onMessage(type, (message: unknown) => {
      const parsed = parse(message);
      if (!parsed.ok) {
        this.droppedMessages += 1;
        return;
      }
      apply(parsed.value);
      this.events.emit(event, parsed.value);
    });
  }
}

function waitForWelcome(room: Room): Promise<Result<WelcomePayload>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fail('the lobby did not answer in time')), WELCOME_TIMEOUT_MS);
    room.onMessage(LobbyMessage.Welcome, (message: unknown) => {
      clearTimeout(timer);
      resolve(parseWelcome(message));
    });
  });
}
