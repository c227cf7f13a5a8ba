import { afterAll, beforeAll } from 'vitest';
import type { LobbySession } from '../../src/net/lobby-client.js';
import type { Result } from '../../src/util/result.js';
import type { LobbyServerOptions } from '../../server/lobby-server.js';
import { expectOk } from './expect-ok.js';
import { startTestLobby, type TestLobby } from './in-process-lobby.js';
import { present } from './wait.js';

export interface SuiteLobby {
  readonly url: () => string;
  readonly origin: () => string;
  readonly lobby: () => TestLobby;
  /** Unwraps a session and leaves it when the suite ends. */
  readonly keep: (result: Result<LobbySession>) => LobbySession;
}

/** Starts one real lobby for a describe block and stops it (and every kept session) after. */
export function useSuiteLobby(overrides: Partial<LobbyServerOptions> = {}): SuiteLobby {
  let lobby: TestLobby | undefined;
  const sessions: LobbySession[] = [];
  beforeAll(async () => {
    lobby = await startTestLobby(overrides);
  });
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.leave()));
    await lobby?.close();
  });
  const running = (): TestLobby => present(lobby, 'lobby');
  return {
    url: () => running().url,
    origin: () => running().origin,
    lobby: running,
    keep: (result) => {
      const session = expectOk(result);
      sessions.push(session);
      return session;
    },
  };
}
