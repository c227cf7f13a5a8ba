import { createLogger } from '../../server/log.js';
import { startLobbyServer, type RunningLobby } from '../../server/lobby-server.js';

export type TestLobby = RunningLobby & { readonly url: string };

/** Boots the real lobby (Colyseus) in this test process on a free loopback port. */
export async function startTestLobby(): Promise<TestLobby> {
  const lobby = await startLobbyServer({
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('silent'),
    iceServers: [],
  });
  return { ...lobby, url: `ws://127.0.0.1:${lobby.port}` };
}
