import { describe, expect, it } from 'vitest';
import { createLogger, LobbyConfigError, startLobbyServer } from 'hostmesh/server';

/**
 * `hostmesh/server` as an author's own Node process uses it: the lobby and the built game on one
 * port, configured by an environment, closed without leaving a port open.
 */
describe('hostmesh/server: startLobbyServer', () => {
  const logger = createLogger('silent');

  it('serves the built game and the lobby on one port, and frees the port on close', async () => {
    const server = await startLobbyServer({ staticDir: 'dist', port: 0, host: '127.0.0.1', env: { STUN_PORT: 'off' }, logger });
    const origin = `http://127.0.0.1:${server.port}`;
    expect(server.urls[0]).toBe(`http://localhost:${server.port}/`);
    expect(server.describe()).toContain(`http://localhost:${server.port}/`);
    expect(server.relay).toBeUndefined();
    const page = await fetch(`${origin}/join/K7M2QX`);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=UTF-8']);
    expect(await (await fetch(`${origin}/games`)).json()).toEqual([]);
    await server.close();
    await expect(fetch(`${origin}/healthz`)).rejects.toThrow();
  });

  it('refuses a wrong setting with a LobbyConfigError that names it, before opening any port', async () => {
    const refused = startLobbyServer({ env: { PORT: 'eighty', STUN_PORT: 'off' }, logger });
    await expect(refused).rejects.toBeInstanceOf(LobbyConfigError);
    await expect(refused).rejects.toThrow(/PORT must be 0\.\.65535, got "eighty"/);
    await expect(startLobbyServer({ port: 0, host: '127.0.0.1', env: { STUN_PORT: 'off', TURN: 'coturn' }, logger })).rejects.toThrow(/TURN must be "managed"/);
  });

  it('says when the game was not built, rather than serving nothing', async () => {
    await expect(startLobbyServer({ staticDir: 'no-such-build', port: 0, host: '127.0.0.1', env: { STUN_PORT: 'off' }, logger })).rejects.toThrow(/run "npm run build" first/);
  });
});
