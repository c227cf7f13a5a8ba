import { createLogger } from '../../server/log.js';
import type { LobbyLimits } from '../../server/limits/lobby-limits.js';
import { listenLobby, type LobbyServerOptions, type RunningLobby } from '../../server/lobby-server.js';

export type TestLobby = RunningLobby & { readonly url: string; readonly origin: string };

/** Loose limits so ordinary tests are never throttled; the limit tests pass their own. */
export const TEST_LIMITS = {
  messages: { burst: 10_000, perSecond: 10_000 },
  creates: { burst: 10_000, perSecond: 10_000 },
  joins: { burst: 10_000, perSecond: 10_000 },
} satisfies LobbyLimits;

/** Boots the real lobby (Colyseus) in this test process on a free loopback port. */
export async function startTestLobby(overrides: Partial<LobbyServerOptions> = {}): Promise<TestLobby> {
  const lobby = await listenLobby({
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('silent'),
    limits: TEST_LIMITS,
    reconnectGraceSeconds: 30,
    iceServersFor: () => [],
    ...overrides,
  });
  return { ...lobby, url: `ws://127.0.0.1:${lobby.port}`, origin: `http://127.0.0.1:${lobby.port}` };
}
