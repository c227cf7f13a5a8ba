import { networkInterfaces } from 'node:os';
import { readLobbyConfig, type TurnSetting } from './config.js';
import { iceServersFor, pageHostTurnUrls, type TurnConfig } from './ice-servers.js';
import { createLogger, type Logger } from './log.js';
import { listenLobby, type RunningLobby } from './lobby-server.js';
import { startManagedTurn, type ManagedTurn } from './turn/managed-coturn.js';
import { ok, type Result } from '../src/util/result.js';

export interface StartLobbyServerOptions {
  /** The built game (`vite build`'s output folder), served at `/` and `/join/CODE`; omit to run the lobby alone. */
  readonly staticDir?: string;
  /** The page in `staticDir` that is the game (default `index.html`). */
  readonly page?: string;
  /** Overrides `PORT` (0: any free port). */
  readonly port?: number;
  /** Overrides `HOST`. */
  readonly host?: string;
  /** Where the settings come from (default `process.env`): the same variables as `hostmesh serve` (README). */
  readonly env?: NodeJS.ProcessEnv;
  /** Structured log lines go here (default: pino on stdout at `LOG_LEVEL`). */
  readonly logger?: Logger;
}

/** A lobby that runs: its port, the addresses to open, and how to stop it. */
export interface HostmeshServer {
  readonly port: number;
  /** `http://localhost:PORT/` and one URL per LAN address: what to send friends. */
  readonly urls: readonly string[];
  readonly lobby: RunningLobby;
  /** The coturn this process started (`TURN=managed`), if any. */
  readonly relay: { readonly pid: number | undefined; readonly port: number } | undefined;
  /** What an operator must know to open it to players (URLs, ports to forward), as lines of text. */
  describe(): string;
  /** Stops the lobby (and its relay) and frees every port. */
  close(): Promise<void>;
}

/** A setting in the environment is wrong: `message` names the variable and what it must be. */
export class LobbyConfigError extends Error {
  override readonly name = 'LobbyConfigError';
}

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

/**
 * Starts everything one game needs on one port: its built page, the lobby (matchmaking and
 * signaling), a STUN server, and a TURN relay when asked (`TURN=managed`). Configured by the
 * environment as `npm start` is (README: PORT, HOST, ICE_SERVERS, TURN*, REDIS_URL, limits);
 * `port` and `host` override theirs. A wrong setting rejects with a LobbyConfigError.
 */
export async function startLobbyServer(options: StartLobbyServerOptions = {}): Promise<HostmeshServer> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger(env['LOG_LEVEL'] ?? 'info');
  const config = readLobbyConfig({ ...env, ...(options.port === undefined ? {} : { PORT: String(options.port) }), ...(options.host === undefined ? {} : { HOST: options.host }) });
  if (!config.ok) throw new LobbyConfigError(config.reason);
  const { iceServers, turn, ...rest } = config.value;
  if (rest.redisUrl !== undefined && rest.origins.allowed.size === 0 && !rest.origins.any) {
    logger.warn('REDIS_URL without ALLOWED_ORIGINS: browsers whose game lives on another process will be refused; set ALLOWED_ORIGINS to the page origin');
  }
  const relay = await relayFor(turn, rest.host, logger);
  if (!relay.ok) throw new LobbyConfigError(`TURN=managed: ${relay.reason}`);
  const managed = relay.value?.managed;
  const lobby = await listenLobby({
    ...rest,
    logger,
    iceServersFor: iceServersFor(iceServers, relay.value?.config, { logger }),
    ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
    ...(options.page === undefined ? {} : { page: options.page }),
  }).catch(async (error: unknown) => {
    await managed?.stop();
    throw error;
  });
  const urls = [`http://localhost:${lobby.port}/`, ...lanAddresses().map((ip) => `http://${ip}:${lobby.port}/`)];
  return {
    port: lobby.port,
    urls,
    lobby,
    relay: managed === undefined ? undefined : { pid: managed.pid(), port: managed.port },
    describe: () => {
      const probe = lobby.stunProbe === undefined ? '' : ` and ${lobby.stunProbe.port} (which tells players behind strict NATs in advance)`;
      const stun = lobby.stun === undefined ? 'no STUN server (STUN_PORT=off or its port was taken)' : `STUN on UDP port ${lobby.stun.port}${probe}: open it too, for players in other homes`;
      const relayLine = managed === undefined ? '' : `TURN relay (coturn, pid ${managed.pid()}) on UDP and TCP port ${managed.port}, relaying on UDP 49152-65535: open them too\n`;
      return `Hostmesh is running. Open one of:\n${urls.map((url) => `  ${url}`).join('\n')}\n${stun}\n${relayLine}`;
    },
    close: async () => {
      await Promise.all([lobby.close(), managed?.stop()]);
    },
  };
}
