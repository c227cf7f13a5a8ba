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
 * A refused or failed entry. `status` is the lobby's HTTP-like status (400 bad options, 403
 * kicked, 409 taken/full/locked/not yet, 429 rate limited, …) or undefined when the lobby could
 * not be reached at all.
 */
export class LobbyEntryError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'LobbyEntryError';
  }
}

/** A lobby to talk to: a transport, or the URL of a Colyseus lobby (`ws://host:port`). */
export type LobbyEndpoint = LobbyTransport | string;
