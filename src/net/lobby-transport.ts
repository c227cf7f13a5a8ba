import { classifyRefusal, LOBBY_REFUSAL_STATUS, refusalText, type EntryFailureCode, type LobbyRefusalCode } from '../protocol/lobby-refusal.js';
/**
 * How a LobbySession reaches a lobby: the four ways into a room and the connection a room gives.
 * The browser uses colyseus.js (colyseus-lobby.ts); the session simulation and game authors'
 * tests use an in-memory lobby (src/testing/in-memory-lobby.ts). Everything above this seam (the
 * session's member list, host flag, re-entry after a lobby restart) runs the same code on both.
 */
export interface LobbyTransport {
  /**
   * The host name this client reaches the lobby by (its URL's): the lobby's STUN server answers
   * there. Undefined for a lobby with no network address (in memory).
   */
  readonly hostName?: string;
  /** Creates a room and enters it (`options` are the create options, docs/SPEC.md). */
  create(options: Readonly<Record<string, unknown>>): Promise<LobbyRoomConnection>;
  /** Enters the room with this invite code. */
  joinById(code: string, options: Readonly<Record<string, unknown>>): Promise<LobbyRoomConnection>;
  /** Enters any public room the lobby picks (quick join). */
  quickJoin(options: Readonly<Record<string, unknown>>): Promise<LobbyRoomConnection>;
  /** Takes back a seat whose connection dropped, with the room's single-use token. */
  reconnect(token: string): Promise<LobbyRoomConnection>;
}

/** One open connection to one lobby room. Handlers never see a message of another connection. */
export interface LobbyRoomConnection {
  /** Give this to `reconnect` after the connection dropped; it changes with every connection. */
  readonly reconnectionToken: string;
  send(type: string, payload: unknown): void;
  /** Calls `handler` for every message of `type` from the lobby (payloads are untrusted). */
  onMessage(type: string, handler: (payload: unknown) => void): void;
  /** Calls `handler` once when the connection ends, for whatever reason (code 1000: we left). */
  onLeave(handler: (code: number) => void): void;
  /** Leaves the room on purpose: the lobby frees the seat at once. */
  leave(): Promise<void>;
  /** Drops the connection without leaving (a page going away): the lobby holds the seat for its grace period. */
  drop(): void;
}

/**
 * A refused or failed entry. `status` is the lobby's HTTP-like status, or undefined when the lobby
 * could not be reached at all; `code` says which refusal it is (see lobby-refusal.ts): decide by
 * the code, never by the status (409 alone means six things) or the wording.
 */
export class LobbyEntryError extends Error {
  readonly code: EntryFailureCode;
  /** The lobby's sentence, without its code. */
  readonly reason: string;

  constructor(
    message: string,
    readonly status: number | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'LobbyEntryError';
    const { code, reason } = classifyRefusal(status, message);
    this.code = code;
    this.reason = reason;
  }

  /** The error a lobby refusal arrives as: its code's status, its code in the message. */
  static refused(code: LobbyRefusalCode, reason: string): LobbyEntryError {
    return new LobbyEntryError(refusalText(code, reason), LOBBY_REFUSAL_STATUS[code]);
  }
}

/** A lobby to talk to: a transport, or the URL of a Colyseus lobby (`ws://host:port`). */
export type LobbyEndpoint = LobbyTransport | string;
