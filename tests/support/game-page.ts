import type { DebugState } from '../../src/view/debug-hook.js';
import type { TestPage } from './browsers/test-page.js';

/** Reads the page's debug hook (`window.__hostmesh`). */
export async function debugState(page: TestPage): Promise<DebugState> {
  return page.evaluate<DebugState>('window.__hostmesh.state()');
}

/** Waits until the page's debug state satisfies `predicate`, polling in the page. */
export async function waitForState(page: TestPage, what: string, predicate: (state: DebugState) => boolean, timeoutMs = 15_000): Promise<DebugState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await debugState(page);
    if (predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** What a host may choose on the start page besides its name: the game's variant (its id) and the most players. */
export interface HostChoices {
  readonly variant?: string;
  readonly maxPlayers?: number;
}

/** Picks `value` in the start page's select `selector` as a person would (the page hears the change). */
async function choose(page: TestPage, selector: string, value: string): Promise<void> {
  await page.evaluate(`(() => { const select = document.querySelector(${JSON.stringify(selector)}); select.value = ${JSON.stringify(value)}; select.dispatchEvent(new Event('change')); })()`);
}

/**
 * Opens the start page, hosts a game under `name` and returns the invite link it shows.
 * `query` is appended to the start page's address (e.g. `?renderer=webgl`).
 */
export async function hostGame(page: TestPage, origin: string, name: string, query = '', choices: HostChoices = {}): Promise<string> {
  await page.goto(`${origin}/${query}`);
  await page.fill('#name', name);
  // The variant first: choosing it offers its own range of player counts.
  if (choices.variant !== undefined) await choose(page, '#variant', choices.variant);
  if (choices.maxPlayers !== undefined) await choose(page, '#max-players', String(choices.maxPlayers));
  await page.click('#submit');
  await page.waitForSelector('#invite-link');
  return page.inputValue('#invite-link');
}

/** Opens an invite link and joins under `name`. */
export async function joinByLink(page: TestPage, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.fill('#name', name);
  await page.click('#submit');
}
