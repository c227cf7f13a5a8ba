import { Client, MatchMakeError, type Room } from 'colyseus.js';
import {
  LobbyMessage,
  MATCH_ROOM,
  parseMemberJoined,
  parseMemberLeft,
  parseSignalDelivery,
  parseWelcome,
  type LobbyErrorPayload,
  type MemberInfo,
  type SignalDelivery,
  type WelcomePayload,
} from '../protocol/lobby-messages.js';
import { isBoundedString, isRecord } from '../protocol/guards.js';
import { parseInviteCode } from '../protocol/invite-code.js';
import { Emitter } from '../util/emitter.js';
import { fail, ok, type Result } from '../util/result.js';

export interface LobbyEvents extends Record<string, unknown> {
  'member-joined': MemberInfo;
  'member-left': { readonly id: string };
  signal: SignalDelivery;
  'lobby-error': LobbyErrorPayload;
  /** The lobby connection ended. Peer links that are already open are not affected. */
  disconnected: { readonly code: number };
}

/** How long to wait for the lobby's welcome after the join itself succeeded. */
const WELCOME_TIMEOUT_MS = 5_000;

/**
 * The browser's (or a test's) connection to one lobby room. The only module that imports
 * colyseus.js. Every message from the lobby is validated before it is emitted; invalid ones are
 * counted in `droppedMessages`.
 */
export class LobbySession {
  readonly events = new Emitter<LobbyEvents>();
  droppedMessages = 0;
  private connected = true;

  private constructor(
    private readonly room: Room,
    readonly welcome: WelcomePayload,
  ) {}

  /** Creates a new private game and joins it as its first member (the host). */
  static async host(endpoint: string, name: string): Promise<Result<LobbySession>> {
    return LobbySession.enter(() => new Client(endpoint).create(MATCH_ROOM, { name }));
  }

  /** Joins the game with this invite code. */
  static async join(endpoint: string, code: string, name: string): Promise<Result<LobbySession>> {
    const parsed = parseInviteCode(code);
    if (!parsed.ok) return parsed;
    return LobbySession.enter(() => new Client(endpoint).joinById(parsed.value, { name }));
  }

  get selfId(): string {
    return this.welcome.self;
  }

  /** Relays an opaque signaling payload to another member of the room. */
  sendSignal(to: string, data: string): void {
    this.room.send(LobbyMessage.Signal, { to, data });
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
    this.forward(LobbyMessage.MemberJoined, parseMemberJoined, 'member-joined');
    this.forward(LobbyMessage.MemberLeft, parseMemberLeft, 'member-left');
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
  ): void {
    this.room.onMessage(type, (message: unknown) => {
      const parsed = parse(message);
      if (parsed.ok) this.events.emit(event, parsed.value);
      else this.droppedMessages += 1;
    });
  }
}

function parseLobbyError(value: unknown): Result<LobbyErrorPayload> {
  if (!isRecord(value) || !isBoundedString(value['code'], 64) || !isBoundedString(value['message'], 1024)) {
    return fail('lobby error payload malformed');
  }
  return ok({ code: value['code'] as LobbyErrorPayload['code'], message: value['message'] });
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

/** Turns matchmaking failures into sentences a player understands. */
function describeJoinError(error: unknown): string {
  if (error instanceof MatchMakeError) {
    if (/not found|invalid/i.test(error.message)) return 'This invite link is not valid, or the game has ended.';
    if (/locked|full/i.test(error.message)) return 'This game is full.';
    return `The lobby refused: ${error.message}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Could not reach the lobby (${message}).`;
}
