import { parseGameList, type GameListing } from '../protocol/lobby-game.js';
import { fail, type Result } from '../util/result.js';

/** How often the start page refreshes the public list; the lobby caches it for half a second. */
export const GAMES_POLL_MS = 2_000;

/**
 * Fetches the public games list (`GET /games`) from the lobby at `origin` and validates it: the
 * list is shown to players, so it is untrusted input like everything else from the network.
 */
export async function fetchGameList(origin: string, fetchImpl: typeof fetch = fetch): Promise<Result<GameListing[]>> {
  try {
    const response = await fetchImpl(`${origin}/games`, { cache: 'no-store' });
    if (!response.ok) return fail(`the lobby answered ${response.status}`);
    return parseGameList(await response.json());
  } catch (error: unknown) {
    return fail(`could not load the games list (${error instanceof Error ? error.message : String(error)})`);
  }
}
