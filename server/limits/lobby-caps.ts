import { fail, ok, type Result } from '../../src/util/result.js';
import { readEnvTable } from './env-table.js';

/**
 * How much one address may hold at once, and how long rooms and seats live. Rates (lobby-limits.ts)
 * bound how often an address acts; these bound what it can pile up: rooms in the public list,
 * seats that make a game look full, sockets.
 */
export interface LobbyCaps {
  /** Live rooms created from one address (a room counts until it is disposed). */
  readonly roomsPerAddress: number;
  /** Seat reservations from one address that no WebSocket has used yet (requests in flight too). */
  readonly reservationsPerAddress: number;
  /** Open WebSocket connections from one address. */
  readonly socketsPerAddress: number;
  /** How long a seat reservation waits for its WebSocket (Colyseus's default is 15 s). */
  readonly seatReservationSeconds: number;
  /** How long a room with no member (present or within its reconnection grace) may live. */
  readonly idleRoomSeconds: number;
}

/**
 * A family of four behind one NAT joining one game at the same moment holds 4 reservations for
 * a few milliseconds and 4 sockets (8 while each page reloads); a host may run a couple of games.
 * 6 unused reservations leave the smallest game (2 players + 8 spectator seats, 9 free once its
 * host is in) 3 seats that one address cannot take. 10 s is ample for a browser to open its
 * WebSocket after the HTTP reservation; 30 s of emptiness ends a room nobody uses.
 */
export const DEFAULT_CAPS: LobbyCaps = {
  roomsPerAddress: 8,
  reservationsPerAddress: 6,
  socketsPerAddress: 16,
  seatReservationSeconds: 10,
  idleRoomSeconds: 30,
};

const ENV_NAMES: Readonly<Record<keyof LobbyCaps, string>> = {
  roomsPerAddress: 'ROOMS_PER_ADDRESS',
  reservationsPerAddress: 'RESERVATIONS_PER_ADDRESS',
  socketsPerAddress: 'SOCKETS_PER_ADDRESS',
  seatReservationSeconds: 'SEAT_RESERVATION_SECONDS',
  idleRoomSeconds: 'ROOM_IDLE_SECONDS',
};

/** Reads the caps from the environment (names in README.md); unset ones keep the default. */
export function readCaps(env: NodeJS.ProcessEnv): Result<LobbyCaps> {
  const caps = readEnvTable(env, ENV_NAMES, DEFAULT_CAPS, parseCount);
  if (!caps.ok) return caps;
  // A room is created before its host's WebSocket arrives: it must outlive the host's reservation.
  if (caps.value.idleRoomSeconds < caps.value.seatReservationSeconds) return fail('ROOM_IDLE_SECONDS must be at least SEAT_RESERVATION_SECONDS');
  return caps;
}

function parseCount(name: string, text: string): Result<number> {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 ? ok(value) : fail(`${name} must be a whole number of at least 1, got "${text}"`);
}
