import { matchMaker } from '@colyseus/core';
import { MATCH_ROOM } from '../src/protocol/lobby-messages.js';
import { isBoundedString, isIntInRange, isRecord } from '../src/protocol/guards.js';
import type { GameInvitation, GameListing } from '../src/protocol/lobby-game.js';
import { DEFAULT_VARIANT, isVariantId } from '../src/protocol/variant-id.js';
import { MAX_SPECTATORS } from '../src/protocol/player-count.js';
import { aliveProcesses } from './process-liveness.js';

/** Browsers poll the list every few seconds; one driver query per half second serves them all. */
const CACHE_MS = 500;
const MAX_LISTED = 200;

/**
 * The public games list, read from the matchmaking driver (shared by every process when Redis is
 * used), without games the host locked and without games of processes that stopped beating, at
 * most MAX_LISTED of them, the most joinable first.
 */
export function createGamesList(): () => Promise<readonly GameListing[]> {
  let cached: { at: number; list: Promise<readonly GameListing[]> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > CACHE_MS) cached = { at: now, list: queryGames() };
    return cached.list;
  };
}

/** A room as the driver lists it (the fields the lobby reads). */
type ListedRoom = Awaited<ReturnType<typeof matchMaker.query>>[number];

async function queryGames(): Promise<readonly GameListing[]> {
  const rooms = await matchMaker.query({ name: MATCH_ROOM, private: false });
  const alive = await aliveProcesses(matchMaker.presence, rooms.map((room) => room.processId));
  const listings = rooms.filter((room) => alive.has(room.processId)).flatMap((room) => invitationOf(room) ?? []);
  return listings.filter((game) => !game.locked).map(listingOf).sort(byInterest).slice(0, MAX_LISTED);
}

/**
 * The game with invite code `code` (public or private, locked or not) as its invite page shows
 * it; undefined when no live process holds it.
 */
export async function lookUpGame(code: string): Promise<GameInvitation | undefined> {
  const [room] = await matchMaker.query({ name: MATCH_ROOM, roomId: code });
  if (!room || !(await aliveProcesses(matchMaker.presence, [room.processId])).has(room.processId)) return undefined;
  return invitationOf(room);
}

/** The public list's part of an invitation (the list shows no locked games, so no lock flag). */
function listingOf({ code, gameName, hostName, players, maxPlayers, spectators, status, variant }: GameInvitation): GameListing {
  return { code, gameName, hostName, players, maxPlayers, spectators, status, variant };
}

/** What a room's metadata says about its game; undefined for a room nobody is in yet or odd metadata. */
function invitationOf(room: ListedRoom): GameInvitation | undefined {
  const metadata: unknown = room.metadata;
  if (!isRecord(metadata)) return undefined;
  const { gameName, hostName, players, spectators, started, lockedByHost, variant } = metadata;
  if (!isBoundedString(gameName, 64) || !isBoundedString(hostName, 64) || room.clients === 0) return undefined;
  // A room of a lobby from before variants has none: the game's default.
  const chosen = variant ?? DEFAULT_VARIANT;
  if (!isVariantId(chosen)) return undefined;
  // Spectator seats are part of Colyseus's maxClients; the list shows player seats only.
  const maxPlayers = room.maxClients - MAX_SPECTATORS;
  if (!isIntInRange(players, 1, maxPlayers) || !isIntInRange(spectators, 0, MAX_SPECTATORS)) return undefined;
  return { code: room.roomId, gameName, hostName, players, maxPlayers, spectators, status: started === true ? 'playing' : 'waiting', locked: lockedByHost === true, variant: chosen };
}

/**
 * Games with a free player seat first, then the fuller ones (a game people are in is likelier to
 * be a real one), otherwise in the driver's order (creation order). One address cannot push real
 * games off the list: it may hold ROOMS_PER_ADDRESS live games (8 of the 200 places), a game is
 * listed only once someone has entered it, and a game nobody is in closes after
 * ROOM_IDLE_SECONDS.
 */
function byInterest(a: GameListing, b: GameListing): number {
  const open = (game: GameListing): number => (game.players < game.maxPlayers ? 0 : 1);
  return open(a) - open(b) || b.players - a.players;
}
