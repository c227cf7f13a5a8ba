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

/**
 * Opens the start page, hosts a game under `name` and returns the invite link it shows.
 * `query` is appended to the start page's address (e.g. `?renderer=webgl`).
 */
export async function hostGame(page: TestPage, origin: string, name: string, query = ''): Promise<string> {
  await page.goto(`${origin}/${query}`);
  await page.fill('#name', name);
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
