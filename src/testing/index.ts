/**
 * `hostmesh/testing`: a whole game in one Node process, for testing a game's rules and netcode
 * without browsers. Every player runs the engine's real session code (lobby client, host
 * election, snapshots, prediction, migration) against an in-memory lobby that keeps the real
 * lobby's rules and in-memory peer links with latency, jitter, loss and partitions, all on one
 * manual clock seeded once, so a failing run repeats exactly from its seed.
 *
 * ```ts
 * const sim = new SimulatedGame({ seed: 1, game: myGame() });
 * const hosted = await sim.until(sim.player('Ann').host());
 * ```
 */
export { SimulatedGame, SimulatedPlayer } from './simulated-game.js';
export type { SimulatedGameOptions } from './simulated-game.js';
export { SimNetwork } from './sim-network.js';
export type { SimNetworkOptions } from './sim-network.js';
export { InMemoryLobby } from './in-memory-lobby.js';
export type { InMemoryLobbyOptions, LobbyRoomView } from './in-memory-lobby.js';
export { PERFECT_NETWORK } from '../net/sim/conditions.js';
export type { NetworkConditions } from '../net/sim/conditions.js';
