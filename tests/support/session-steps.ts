import { ARENA_SIZE } from '../../src/games/arena/arena-game.js';
import type { DebugState } from '../../src/view/debug-hook.js';
import type { TestPage } from './browsers/test-page.js';
import { debugState, hostGame, joinByLink, waitForState } from './game-page.js';

/**
 * Steps of the session sequences players hit (reload, a tab closed, a late join) in Zap Arena
 * pages, shared by tests/e2e/session-sequences.test.ts and bench/session-sequences.ts so the test
 * and the benchmark measure exactly the same thing. Timeouts are generous bounds, not targets.
 */

/** A game in progress: its invite link and each player's open page, by name, in join order (kept current by the steps below). */
export interface RunningGame {
  readonly invite: string;
  readonly pages: Map<string, TestPage>;
}

/** A player as a page draws it, by name (undefined when the page does not draw it). */
export function drawn(state: DebugState, name: string): { readonly slot: number; readonly x: number; readonly y: number } | undefined {
  return state.players.find((player) => player.name === name);
}

/** The page plays and draws exactly `names` (itself among them). */
export function playsWith(state: DebugState, names: readonly string[]): boolean {
  const shown = state.players.map((player) => player.name).sort();
  return (
    state.status === 'playing' &&
    state.drawnPlayers === names.length &&
    state.players.some((player) => player.isSelf) &&
    JSON.stringify(shown) === JSON.stringify([...names].sort())
  );
}

/**
 * Hosts a game as `host` and lets each guest join by the invite link, one after the other (so the
 * join order, hence the slots, is the order given), then waits until every page draws everyone.
 */
export async function startGame(open: () => Promise<TestPage>, origin: string, host: string, guests: readonly string[]): Promise<RunningGame> {
  const hostPage = await open();
  const pages = new Map<string, TestPage>([[host, hostPage]]);
  const invite = await hostGame(hostPage, origin, host);
  for (const [index, guest] of guests.entries()) {
    const page = await open();
    pages.set(guest, page);
    await joinByLink(page, invite, guest);
    await waitForState(page, `${guest} in the game`, (state) => state.status === 'playing' && state.players.length === index + 2);
  }
  const names = [...pages.keys()];
  for (const [name, page] of pages) await waitForState(page, `${name}'s page to draw ${names.join(', ')}`, (state) => playsWith(state, names));
  return { invite, pages };
}

/** The page of `name`, which the game must have. */
export function pageOf(game: RunningGame, name: string): TestPage {
  const page = game.pages.get(name);
  if (!page) throw new Error(`no page for ${name}`);
  return page;
}

/**
 * Reloads the page in its own tab (a new document, the same sessionStorage, so the lobby seat is
 * resumed) and waits until it plays again, drawing itself among `players` players. Returns that
 * state and the time from the navigation's start.
 */
export async function reloadUntilBack(page: TestPage, origin: string, players: number): Promise<{ readonly ms: number; readonly state: DebugState }> {
  const started = performance.now();
  await page.goto(origin);
  const state = await waitForState(
    page,
    'the reloaded page to play again',
    (seen) => seen.status === 'playing' && seen.drawnPlayers === players && seen.players.some((player) => player.isSelf),
    30_000,
  );
  return { ms: performance.now() - started, state };
}

/**
 * Opens the game's invite link in `page`, joins as `name` and waits until the page plays and
 * draws every player of the game and itself. Returns the time from the Join click to then: what
 * the player waits through.
 */
export async function joinUntilEveryoneDrawn(game: RunningGame, name: string, page: TestPage): Promise<number> {
  game.pages.set(name, page);
  const everyone = [...game.pages.keys()];
  await joinByLink(page, game.invite, name);
  const clicked = performance.now();
  await waitForState(page, `${name} to play and draw ${everyone.join(', ')}`, (state) => playsWith(state, everyone), 30_000);
  return performance.now() - clicked;
}

/** Closes `name`'s page as a person closes the tab, then waits until every other page stops drawing `name`. */
export async function closeTab(game: RunningGame, name: string): Promise<void> {
  await pageOf(game, name).close();
  game.pages.delete(name);
  for (const [other, page] of game.pages) await waitForState(page, `${other}'s page to stop drawing ${name}`, (state) => drawn(state, name) === undefined);
}

/** How far a walking player must get, as drawn elsewhere, to count as seen moving. */
const SEEN_MOVE_PX = 40;

/**
 * Holds an arrow key on `name`'s page (towards the middle of the arena, so no wall stops it) until
 * every observer draws that player at least SEEN_MOVE_PX from where it drew it before; fails
 * naming the observer that never saw the move.
 */
export async function expectSeenMoving(game: RunningGame, name: string, observers: readonly string[]): Promise<void> {
  const mover = pageOf(game, name);
  const self = (await debugState(mover)).players.find((player) => player.isSelf);
  if (!self) throw new Error(`${name}'s page does not draw ${name}`);
  const start = new Map<string, { readonly x: number; readonly y: number }>();
  for (const observer of observers) {
    const seen = drawn(await debugState(pageOf(game, observer)), name);
    if (!seen) throw new Error(`${observer}'s page does not draw ${name} before ${name} moves`);
    start.set(observer, seen);
  }
  const key = self.x > ARENA_SIZE.width / 2 ? 'ArrowLeft' : 'ArrowRight';
  await mover.keyDown(key);
  try {
    for (const observer of observers) {
      const from = start.get(observer) ?? { x: Number.NaN, y: Number.NaN };
      await waitForState(pageOf(game, observer), `${observer}'s page to see ${name} move (${key})`, (state) => {
        const now = drawn(state, name);
        return now !== undefined && Math.hypot(now.x - from.x, now.y - from.y) >= SEEN_MOVE_PX;
      });
    }
  } finally {
    await mover.keyUp(key);
  }
}

/** Each page's count of refused (unauthorized) peer messages, by player name. */
export async function unauthorizedCounts(game: RunningGame): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, page] of game.pages) counts[name] = (await debugState(page)).dropped.unauthorized;
  return counts;
}
