import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isLobbyRequest, isLobbyUpgrade } from '../../server/vite/lobby-forwarding.js';

/** The dev server's port is shared by Vite and the lobby: each request must go to its owner. */
describe("hostmesh/vite: which requests on the dev port are the lobby's", () => {
  it.each([
    ['/matchmake/create/match', true],
    ['/games', true],
    ['/games?x=1', true],
    ['/games/K7M2QX', true],
    ['/healthz', true],
    ['/gamesx', false],
    ['/', false],
    ['/join/K7M2QX', false],
    ['/src/main.ts', false],
    ['/@vite/client', false],
    ['/node_modules/.vite/deps/hostmesh.js?v=1', false],
    [undefined, false],
  ])('HTTP %s → lobby: %s', (url, lobby) => {
    expect(isLobbyRequest(url)).toBe(lobby);
  });

  const upgrade = (url: string, protocol?: string): Pick<IncomingMessage, 'url' | 'headers'> => ({ url, headers: protocol === undefined ? {} : { 'sec-websocket-protocol': protocol } });

  it('sends room sockets to the lobby and leaves Vite its hot-reload socket', () => {
    expect(isLobbyUpgrade(upgrade('/HADeozAdm/597T8K?sessionId=KU2FsUUAH'))).toBe(true);
    expect(isLobbyUpgrade(upgrade('/HADeozAdm/597T8K'))).toBe(true);
    expect(isLobbyUpgrade(upgrade('/?token=abc', 'vite-hmr'))).toBe(false);
    expect(isLobbyUpgrade(upgrade('/HADeozAdm/597T8K', 'vite-hmr'))).toBe(false);
    expect(isLobbyUpgrade(upgrade('/a/b/c'))).toBe(false);
  });
});
