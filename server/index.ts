/**
 * `hostmesh/server`: the lobby as a function, for a game's own Node process (its own HTTP
 * routes, its own deployment). It serves the built game and runs matchmaking and WebRTC
 * signaling on one port; it never carries game state. `hostmesh serve` (the CLI) is this plus
 * printed URLs and signal handling.
 *
 * ```ts
 * const server = await startLobbyServer({ staticDir: 'dist', port: 8080 });
 * console.log(server.urls[0]);
 * ```
 */
export { LobbyConfigError, startLobbyServer } from './start-server.js';
export type { HostmeshServer, StartLobbyServerOptions } from './start-server.js';
export type { RunningLobby } from './lobby-server.js';
export { createLogger } from './log.js';
export type { Logger } from './log.js';
