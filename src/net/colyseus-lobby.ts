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
    reconnect: (token) => enter(() => client().reconnect(token)),
  };
}

/** A transport as given, or the Colyseus lobby at a URL. */
export function lobbyTransport(endpoint: LobbyEndpoint): LobbyTransport {
  return typeof endpoint === 'string' ? colyseusLobby(endpoint) : endpoint;
}

async function enter(join: () => Promise<Room>): Promise<LobbyRoomConnection> {
  let room: Room;
  try {
    room = await join();
  } catch (error: unknown) {
    if (error instanceof MatchMakeError || error instanceof ServerError) throw new LobbyEntryError(error.message, error.code, { cause: error });
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
