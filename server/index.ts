import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readGamePage } from './game-page.js';
import { readLobbyConfig } from './config.js';
import { iceServersFor } from './ice-servers.js';
import { createLogger } from './log.js';
import { startLobbyServer } from './lobby-server.js';

/** Where `vite build` puts the game, relative to this file once compiled into build/server/server/. */
const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../../dist/', import.meta.url));

/** The addresses a friend on the same network can open. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === 'IPv4' && !entry.internal)
    .map((entry) => entry.address);
}

async function main(): Promise<void> {
  // `npm start` is how the lobby is deployed: production behaviour unless asked otherwise (Express
  // and Colyseus print development hints and details otherwise).
  process.env['NODE_ENV'] ??= 'production';
  const logger = createLogger();
  const config = readLobbyConfig(process.env);
  if (!config.ok) {
    logger.fatal(config.reason);
    process.exitCode = 1;
    return;
  }
  const page = readGamePage(process.env['GAME']);
  if (!page.ok) {
    logger.fatal(page.reason);
    process.exitCode = 1;
    return;
  }
  const { iceServers, turn, ...rest } = config.value;
  if (rest.redisUrl !== undefined && rest.origins.allowed.size === 0 && !rest.origins.any) {
    logger.warn('REDIS_URL without ALLOWED_ORIGINS: browsers whose game lives on another process will be refused; set ALLOWED_ORIGINS to the page origin');
  }
  const lobby = await startLobbyServer({
    ...rest,
    logger,
    iceServersFor: iceServersFor(iceServers, turn, { logger }),
    staticDir: process.env['STATIC_DIR'] ?? DEFAULT_STATIC_DIR,
    page: page.value,
  });
  const urls = [`http://localhost:${lobby.port}/`, ...lanAddresses().map((ip) => `http://${ip}:${lobby.port}/`)];
  const probe = lobby.stunProbe === undefined ? '' : ` and ${lobby.stunProbe.port} (which tells players behind strict NATs in advance)`;
  const stun = lobby.stun === undefined ? 'no STUN server (STUN_PORT=off or its port was taken)' : `STUN on UDP port ${lobby.stun.port}${probe}: open it too, for players in other homes`;
  process.stdout.write(`\nHostmesh is running. Open one of:\n${urls.map((url) => `  ${url}`).join('\n')}\n${stun}\n\n`);
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    lobby.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
