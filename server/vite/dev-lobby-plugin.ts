import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Plugin, ViteDevServer } from 'vite';
import { startLobbyServer, type HostmeshServer } from '../start-server.js';
import { forwardRequest, forwardUpgrade, isLobbyRequest, isLobbyUpgrade } from './lobby-forwarding.js';

/** Where the dev lobby listens: loopback, any free port; players reach it through the dev server's port. */
const DEV_LOBBY_HOST = '127.0.0.1';

export interface DevLobbyOptions {
  /** Settings as `hostmesh serve` reads them (default `process.env`); PORT and HOST are the dev server's. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs the lobby inside `vite dev` and answers its requests on Vite's own port, so one command
 * gives hot reload and working invite links. The lobby lives as long as the dev server: an edit
 * that reloads the page does not touch it, so a reloaded page takes its seat back as in
 * production. Vitest also starts Vite servers; it gets no lobby.
 */
export function devLobby(options: DevLobbyOptions = {}): Plugin {
  let lobby: HostmeshServer | undefined;
  return {
    name: 'hostmesh-dev-lobby',
    apply: (_config, { command }) => command === 'serve' && process.env['VITEST'] === undefined,
    async configureServer(server: ViteDevServer) {
      const env = options.env ?? process.env;
      // STUN would listen on the loopback-only port: LAN players meet without it.
      lobby = await startLobbyServer({ env: { STUN_PORT: 'off', LOG_LEVEL: 'warn', ...env }, port: 0, host: DEV_LOBBY_HOST });
      const address = { host: DEV_LOBBY_HOST, port: lobby.port };
      server.middlewares.use((incoming, outgoing, next) => {
        if (isLobbyRequest(incoming.url)) forwardRequest(address, incoming, outgoing);
        else next();
      });
      const onUpgrade = (incoming: IncomingMessage, socket: Duplex, head: Buffer): void => {
        if (isLobbyUpgrade(incoming)) forwardUpgrade(address, incoming, socket, head);
      };
      server.httpServer?.on('upgrade', onUpgrade);
      server.config.logger.info(`  hostmesh lobby running for this dev server (internal port ${lobby.port})`);
    },
    async closeBundle() {
      await lobby?.close();
      lobby = undefined;
    },
  };
}
