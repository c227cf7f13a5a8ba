import { parseGameList, parseInvitation, type GameInvitation, type GameListing } from '../protocol/lobby-game.js';
import { fail, type Result } from '../util/result.js';

/** What the lobby says about an invite code: its game, no such game, or nothing useful (offline, rate limited). */
export type InvitationLookup =
  | { readonly kind: 'game'; readonly game: GameInvitation }
  | { readonly kind: 'no-game' }
  | { readonly kind: 'unknown'; readonly reason: string };

/** How often the start page refreshes the public list; the lobby caches it for half a second. */
export const GAMES_POLL_MS = 2_000;

/**
 * Fetches the public games list (`GET /games`) from the lobby at `origin` and validates it: the
 * list is shown to players, so it is untrusted input like everything else from the network.
 */
export async function fetchGameList(origin: string, fetchImpl: typeof fetch = fetch): Promise<Result<readonly GameListing[]>> {
  try {
    const response = await fetchImpl(`${origin}/games`, { cache: 'no-store' });
    if (!response.ok) return fail(`the lobby answered ${response.status}`);
    return parseGameList(await response.json());
  } catch (error: unknown) {
    return fail(`could not load the games list (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Asks the lobby at `origin` about the game an invite link names (`GET /games/CODE`), so the invite
 * page can name the host and the game, or say at once that the game is gone.
 */
export async function fetchInvitation(origin: string, code: string, fetchImpl: typeof fetch = fetch): Promise<InvitationLookup> {
  try {
    const response = await fetchImpl(`${origin}/games/${encodeURIComponent(code)}`, { cache: 'no-store' });
    if (response.status === 404) return { kind: 'no-game' };
    if (!response.ok) return { kind: 'unknown', reason: `the lobby answered ${response.status}` };
    const game = parseInvitation(await response.json());
    return game.ok ? { kind: 'game', game: game.value } : { kind: 'unknown', reason: game.reason };
  } catch (error: unknown) {
    return { kind: 'unknown', reason: error instanceof Error ? error.message : String(error) };
  }
}
