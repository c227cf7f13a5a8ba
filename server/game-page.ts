import { fail, ok, type Result } from '../src/util/result.js';

/** The games this build contains, by the name `GAME` takes, and the page each one is. */
const GAME_PAGES: Readonly<Record<string, string>> = {
  arena: 'index.html',
  tag: 'tag.html',
};

/**
 * Which built page to serve at `/` and `/join/CODE`: `GAME=arena` (the default, the demo) or
 * `GAME=tag` (the small example of docs/GUIDE.md). One process serves one game, so everyone
 * who opens its invite links runs the same game definition.
 */
export function readGamePage(value: string | undefined): Result<string> {
  const game = value?.trim() || 'arena';
  const page = GAME_PAGES[game];
  return page === undefined ? fail(`GAME must be one of ${Object.keys(GAME_PAGES).join(', ')}, got "${game}"`) : ok(page);
}
