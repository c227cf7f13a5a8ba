import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readGamePage } from './game-page.js';
import { readLobbyConfig, type TurnSetting } from './config.js';
import { iceServersFor, pageHostTurnUrls, type TurnConfig } from './ice-servers.js';
import { createLogger, type Logger } from './log.js';
import { startLobbyServer } from './lobby-server.js';
import { startManagedTurn, type ManagedTurn } from './turn/managed-coturn.js';
import { ok, type Result } from '../src/util/result.js';

/** Where `vite build` puts the game, relative to this file once compiled into build/server/server/. */
const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../../dist/', import.meta.url));

/** The relay the lobby mints credentials for: the operator's coturn, or one started here (`TURN=managed`). */
async function relayFor(setting: TurnSetting | undefined, host: string, logger: Logger): Promise<Result<{ config: TurnConfig; managed?: ManagedTurn } | undefined>> {
  if (setting === undefined) return ok(undefined);
  const { urls, ttlSeconds } = setting;
  if (setting.kind === 'shared') return ok({ config: { secret: setting.secret, urlsFor: () => urls, ttlSeconds } });
  const listenIp = host === '0.0.0.0' || host === '::' ? undefined : host;
  const managed = await startManagedTurn({ port: setting.port, listenIp, externalIp: setting.externalIp, command: process.env['TURNSERVER_PATH'] ?? 'turnserver', logger });
  if (!managed.ok) return managed;
  const urlsFor = urls.length > 0 ? () => urls : pageHostTurnUrls(setting.port);
  return ok({ config: { secret: managed.value.secret, urlsFor, ttlSeconds }, managed: managed.value });
}

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
  const relay = await relayFor(turn, rest.host, logger);
  if (!relay.ok) {
    logger.fatal(`TURN=managed: ${relay.reason}`);
    process.exitCode = 1;
    return;
  }
  const lobby = await startLobbyServer({
    ...rest,
    logger,
    iceServersFor: iceServersFor(iceServers, relay.value?.config, { logger }),
    staticDir: process.env['STATIC_DIR'] ?? DEFAULT_STATIC_DIR,
    page: page.value,
  });
  const urls = [`http://localhost:${lobby.port}/`, ...lanAddresses().map((ip) => `http://${ip}:${lobby.port}/`)];
  const probe = lobby.stunProbe === undefined ? '' : ` and ${lobby.stunProbe.port} (which tells players behind strict NATs in advance)`;
  const stun = lobby.stun === undefined ? 'no STUN server (STUN_PORT=off or its port was taken)' : `STUN on UDP port ${lobby.stun.port}${probe}: open it too, for players in other homes`;
  const managed = relay.value?.managed;
  const relayLine = managed === undefined ? '' : `TURN relay (coturn, pid ${managed.pid()}) on UDP and TCP port ${managed.port}, relaying on UDP 49152-65535: open them too\n`;
  process.stdout.write(`\nHostmesh is running. Open one of:\n${urls.map((url) => `  ${url}`).join('\n')}\n${stun}\n${relayLine}\n`);
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    Promise.all([lobby.close(), managed?.stop()]).then(
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
