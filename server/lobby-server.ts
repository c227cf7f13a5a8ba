import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchMaker, Server, type Room } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { MATCH_ROOM, MAX_SIGNAL_BYTES, type IceServerConfig } from '../src/protocol/lobby-messages.js';
import type { RateLimit } from '../src/util/token-bucket.js';
import { createGamesList, lookUpGame } from './games-list.js';
import { SAME_ORIGIN_ONLY, type OriginPolicy } from './http/origin-policy.js';
import { IdleRooms } from './limits/idle-rooms.js';
import { DEFAULT_CAPS, type LobbyCaps } from './limits/lobby-caps.js';
import type { LobbyLimits } from './limits/lobby-limits.js';
import { installMatchmakeGate, joinAttemptBuckets } from './limits/matchmake-gate.js';
import { SeatLedger } from './limits/seat-ledger.js';
import { socketGate } from './limits/socket-gate.js';
import { colyseusLogger, type Logger } from './log.js';
import { startHeartbeat } from './process-liveness.js';
import { MatchRoom, SEAT_FILTER, type MatchRoomContext } from './rooms/match-room.js';
import { createStaticSite } from './static-site.js';
import { startStunServer, type StunServer } from './stun/stun-server.js';

export interface LobbyServerOptions {
  readonly port: number;
  readonly host: string;
  readonly logger: Logger;
  readonly limits: LobbyLimits;
  readonly reconnectGraceSeconds: number;
  readonly iceServersFor: (peerId: string) => readonly IceServerConfig[];
  /** Per-address caps, seat reservation and idle times (default DEFAULT_CAPS). */
  readonly caps?: LobbyCaps;
  /** Browser origins allowed besides the page's own (default: none). */
  readonly origins?: OriginPolicy;
  /** How many of Colyseus's own log lines may be written (default COLYSEUS_LOG_RATE). */
  readonly colyseusLogRate?: RateLimit;
  /** Shared Redis (presence + driver) for several processes; omit to run in memory. */
  readonly redisUrl?: string | undefined;
  readonly publicAddress?: string | undefined;
  /** Folder with the built game; omit to run the lobby alone (tests of the lobby tier). */
  readonly staticDir?: string;
  /** The page of the game to serve from `staticDir` (default index.html, the demo). */
  readonly page?: string;
  /**
   * Runs a STUN server on this UDP port (`'http'`: the HTTP port's number; 0: any free port) and
   * tells every member to use it; omit for none.
   */
  readonly stunPort?: number | 'http' | undefined;
}

export interface RunningLobby {
  readonly port: number;
  /** The STUN server (its UDP port, what it answered), when it runs one. */
  readonly stun: Pick<StunServer, 'port' | 'counters'> | undefined;
  /** The same on the next port: the second destination a page compares its mappings with (src/net/nat-probe.ts). */
  readonly stunProbe: Pick<StunServer, 'port' | 'counters'> | undefined;
  /** Stops accepting, disconnects clients and frees the port. */
  close(): Promise<void>;
}

/**
 * Signaling messages are at most 16 KiB of payload; the WebSocket frame limit is set just above
 * that on purpose so a larger frame closes the socket instead of being buffered.
 */
const MAX_WEBSOCKET_PAYLOAD = MAX_SIGNAL_BYTES + 4 * 1024;
/** A request (headers and body) must arrive within this; Node's defaults allow minutes. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Starts one lobby process: HTTP (game files, health, games list) and Colyseus matchmaking on one
 * port. Colyseus's matchMaker is process-wide, so there is one lobby per process.
 */
export async function listenLobby(options: LobbyServerOptions): Promise<RunningLobby> {
  const caps = options.caps ?? DEFAULT_CAPS;
  const origins = options.origins ?? SAME_ORIGIN_ONLY;
  const joins = joinAttemptBuckets(options.limits);
  const site = createStaticSite({
    staticDir: options.staticDir,
    gamesList: createGamesList(),
    lookUpGame,
    takeJoinAttempt: (address) => joins.take(address, Date.now()),
    page: options.page ?? 'index.html',
    anySocketHost: options.redisUrl !== undefined,
    logger: options.logger,
  });
  const httpServer = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS }, site);
  const seats = new SeatLedger(caps);
  const verifyClient = socketGate({ origins, socketsPerAddress: caps.socketsPerAddress, seats, logger: options.logger });
  const transport = new WebSocketTransport({ server: httpServer, maxPayload: MAX_WEBSOCKET_PAYLOAD, verifyClient });
  const shared = options.redisUrl === undefined ? {} : {
    presence: new RedisPresence(options.redisUrl),
    driver: new RedisDriver(options.redisUrl),
    ...(options.publicAddress === undefined ? {} : { publicAddress: options.publicAddress }),
    // A game lives on the process its host reached: the load balancer in front already spread
    // the hosts, and a process that dies then takes only its own hosts' games with it.
    selectProcessIdToCreateRoom: () => Promise.resolve(matchMaker.processId),
  };
  const logger = colyseusLogger(options.logger, options.colyseusLogRate);
  const gameServer = new Server({ transport, greet: false, gracefullyShutdown: false, logger, ...shared });
  const stopGate = installMatchmakeGate(httpServer, { limits: options.limits, joins, origins, seats, logger: options.logger });
  const context: MatchRoomContext = {
    logger: options.logger,
    limits: options.limits,
    reconnectGraceSeconds: options.reconnectGraceSeconds,
    iceServersFor: options.iceServersFor,
    stunPort: () => stun?.port,
    stunProbePort: () => stunProbe?.port,
    codesInCreation: new Set(),
  };
  let stun: StunServer | undefined;
  let stunProbe: StunServer | undefined;
  // Quick join sends `hasSeat: true`, so Colyseus picks only games with a free player seat (a full
  // game still has spectator seats, which Colyseus alone would count as room).
  const rooms = gameServer.define(MATCH_ROOM, MatchRoom, { context }).filterBy([SEAT_FILTER]);
  const idle = new IdleRooms(caps.idleRoomSeconds, isOccupied, options.logger);
  rooms.on('create', (room: Room) => {
    room.setSeatReservationTime(caps.seatReservationSeconds);
    seats.roomCreated(room.roomId);
    idle.add(room);
  });
  rooms.on('dispose', (room: Room) => {
    seats.roomDisposed(room.roomId);
    idle.remove(room);
  });
  await gameServer.listen(options.port, options.host);
  const stopHeartbeat = startHeartbeat(matchMaker.presence, matchMaker.processId);
  const port = (httpServer.address() as AddressInfo).port;
  if (options.stunPort !== undefined) {
    const stunPort = options.stunPort === 'http' ? port : options.stunPort;
    // Without it players still meet on one network or through TURN: say so, and run on.
    stun = await startStunServer({ port: stunPort, host: options.host, logger: options.logger }).catch((error: unknown) => {
      options.logger.warn({ err: error, stunPort }, 'STUN server not started: players in different homes need ICE_SERVERS or TURN');
      return undefined;
    });
    // Without the second port pages cannot tell a strict NAT in advance; nothing else needs it.
    if (stun && stun.port < 65_535) {
      const probePort = stun.port + 1;
      stunProbe = await startStunServer({ port: probePort, host: options.host, logger: options.logger }).catch((error: unknown) => {
        options.logger.warn({ err: error, probePort }, 'second STUN port not opened: pages will not be told in advance that their NAT needs a relay');
        return undefined;
      });
    }
  }
  options.logger.info({ port, stunPort: stun?.port, processId: matchMaker.processId, redis: options.redisUrl !== undefined }, 'lobby listening');
  let closing: Promise<void> | undefined;
  return {
    port,
    stun,
    stunProbe,
    close: () => {
      closing ??= (async () => {
        await stun?.close();
        await stunProbe?.close();
        stopGate();
        stopHeartbeat();
        idle.close();
        seats.close();
        await gameServer.gracefullyShutdown(false);
        httpServer.closeAllConnections();
      })();
      return closing;
    },
  };
}

/** Someone holds a place in the room: a connected client, or a member within its reconnection grace. */
function isOccupied(room: Room): boolean {
  return room.clients.length > 0 || (room instanceof MatchRoom && room.game.roster.size > 0);
}
