import { Client, MatchMakeError, ServerError, type Room } from 'colyseus.js';
import { MATCH_ROOM } from '../protocol/lobby-messages.js';
import { LobbyEntryError, type LobbyEndpoint, type LobbyRoomConnection, type LobbyTransport } from './lobby-transport.js';
import { MessageRouter } from './message-router.js';

/**
 * The lobby over colyseus.js: the only module that imports it. Matchmaking failures become
 * LobbyEntryErrors carrying the lobby's status, so nothing above depends on Colyseus's classes.
 */
export function colyseusLobby(endpoint: string): LobbyTransport {
  const client = (): Client => new Client(endpoint);
  return {
    hostName: new URL(endpoint).hostname,
    create: (options) => enter(() => client().create(MATCH_ROOM, options)),
    joinById: (code, options) => enter(() => client().joinById(code, options)),
    quickJoin: (options) => enter(() => client().join(MATCH_ROOM, options)),
    // No room for a reconnection token: the seat's game is gone, whatever Colyseus calls it.
    reconnect: (token) => enter(() => client().reconnect(token), (status) => (status === COLYSEUS_NO_ROOM ? COLYSEUS_SEAT_EXPIRED : status)),
  };
}

/** A transport as given, or the Colyseus lobby at a URL. */
export function lobbyTransport(endpoint: LobbyEndpoint): LobbyTransport {
  return typeof endpoint === 'string' ? colyseusLobby(endpoint) : endpoint;
}

/** Colyseus's matchmaking codes for "no such room" and "reconnection token expired" (its ErrorCode). */
const COLYSEUS_NO_ROOM = 4212;
const COLYSEUS_SEAT_EXPIRED = 4214;
/** Colyseus's answer when every seat of a room is taken: it locks the room itself, before our admission speaks. */
const SEATS_TAKEN = /^room "[^"]*" is locked$/;

/**
 * A Colyseus matchmaking error as a LobbyEntryError (see lobby-refusal.ts for the codes).
 * Colyseus's own refusals carry no code of ours; the one that means "full" says so only in words.
 */
function entryError(error: MatchMakeError | ServerError, status: number): LobbyEntryError {
  if (status === COLYSEUS_NO_ROOM && SEATS_TAKEN.test(error.message)) return LobbyEntryError.refused('full', error.message);
  return new LobbyEntryError(error.message, status, { cause: error });
}

async function enter(join: () => Promise<Room>, statusOf: (status: number) => number = (status) => status): Promise<LobbyRoomConnection> {
  let room: Room;
  try {
    room = await join();
  } catch (error: unknown) {
    if (error instanceof MatchMakeError || error instanceof ServerError) throw entryError(error, statusOf(error.code));
    throw new LobbyEntryError(error instanceof Error ? error.message : String(error), undefined, { cause: error });
  }
  // One catch-all handler from the start: messages that come before the session listens are held.
  const router = new MessageRouter();
  room.onMessage('*', (type: string | number, payload: unknown) => router.deliver(String(type), payload));
  return {
    get reconnectionToken() {
      return room.reconnectionToken;
    },
    send: (type, payload) => room.send(type, payload),
    onMessage: (type, handler) => router.on(type, handler),
    onLeave: (handler) => {
      room.onLeave((code) => handler(code));
    },
    leave: async () => {
      await room.leave(true).catch(() => undefined);
    },
    drop: () => {
      void room.leave(false).catch(() => undefined);
    },
  };
}
