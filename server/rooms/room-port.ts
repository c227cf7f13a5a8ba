import type { GameMetadata } from '../../src/protocol/lobby-game.js';

/** One member's connection to a room, as the room's rules see it. */
export interface RoomClient {
  /** The lobby's id for this connection (not the member's peer id, which the member chose). */
  readonly sessionId: string;
  send(type: string, payload: unknown): void;
  /** Ends this connection from the lobby's side (a kicked member). */
  leave(): void;
}

/** What the public list and quick join learn about a room. */
export interface RoomListing extends GameMetadata {
  readonly lockedByHost: boolean;
  /** A player seat is free and the game is not locked: quick join may pick it. */
  readonly hasSeat: boolean;
}

/**
 * What a GameRoom needs from where it runs: Colyseus on the lobby server (match-room.ts), or
 * memory in the session simulation (src/testing/in-memory-lobby.ts). The rules are the same code
 * in both, so the simulation's lobby behaves like the real one.
 */
export interface RoomPort {
  broadcast(type: string, payload: unknown, except?: RoomClient): void;
  /** The connection with this session id, if it is still connected. */
  client(sessionId: string): RoomClient | undefined;
  /** Publishes the room's listing (Colyseus: metadata and the quick-join filter field). */
  publish(listing: RoomListing): Promise<void>;
}
