import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { MATCH_ROOM, MAX_SIGNAL_BYTES, type IceServerConfig } from '../src/protocol/lobby-messages.js';
import type { Logger } from './log.js';
import { MatchRoom, type MatchRoomContext } from './rooms/match-room.js';
import { createStaticSite } from './static-site.js';

export interface LobbyServerOptions {
  readonly port: number;
  readonly host: string;
  readonly logger: Logger;
  readonly iceServers: readonly IceServerConfig[];
  /** Folder with the built game; omit to run the lobby alone (tests of the lobby tier). */
  readonly staticDir?: string;
}

export interface RunningLobby {
  readonly port: number;
  /** Stops accepting, disconnects clients and frees the port. */
  close(): Promise<void>;
}

/**
 * Signaling messages are at most 16 KiB of payload; the WebSocket frame limit is set just above
 * that on purpose so a larger frame closes the socket instead of being buffered.
 */
const MAX_WEBSOCKET_PAYLOAD = MAX_SIGNAL_BYTES + 4 * 1024;

/**
 * Starts one lobby process: HTTP (game files, health) and Colyseus matchmaking on one port.
 * Colyseus's matchMaker is process-wide, so there is one lobby per process.
 */
export async function startLobbyServer(options: LobbyServerOptions): Promise<RunningLobby> {
  const httpServer = createServer(createStaticSite(options.staticDir));
  const transport = new WebSocketTransport({ server: httpServer, maxPayload: MAX_WEBSOCKET_PAYLOAD });
  const gameServer = new Server({ transport, greet: false, gracefullyShutdown: false });
  const context: MatchRoomContext = { logger: options.logger, iceServers: () => options.iceServers };
  gameServer.define(MATCH_ROOM, MatchRoom, { context });
  await gameServer.listen(options.port, options.host);
  const port = (httpServer.address() as AddressInfo).port;
  options.logger.info({ port }, 'lobby listening');
  let closing: Promise<void> | undefined;
  return {
    port,
    close: () => {
      closing ??= gameServer.gracefullyShutdown(false).then(() => {
        httpServer.closeAllConnections();
      });
      return closing;
    },
  };
}
