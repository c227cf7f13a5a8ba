import type { Browser, Page } from 'playwright-core';
import type { DebugState } from '../../src/view/debug-hook.js';

/** Reads the page's debug hook (`window.__hostmesh`). */
export async function debugState(page: Page): Promise<DebugState> {
  return page.evaluate(() => (window as unknown as { __hostmesh: { state(): DebugState } }).__hostmesh.state());
}

/** Waits until the page's debug state satisfies `predicate`, polling in the page. */
export async function waitForState(page: Page, what: string, predicate: (state: DebugState) => boolean): Promise<DebugState> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const state = await debugState(page);
    if (predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(state)}`);
    await page.waitForTimeout(15);
  }
}

/** A fresh browser context per player, so each has its own storage like a separate person. */
export async function newPlayerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`page error: ${error.message}`);
  });
  return page;
}

/**
 * Opens the start page, hosts a game under `name` and returns the invite link it shows.
 * `query` is appended to the start page's address (e.g. `?renderer=webgl`).
 */
export async function hostGame(page: Page, origin: string, name: string, query = ''): Promise<string> {
  await page.goto(`${origin}/${query}`);
  await page.fill('#name', name);
  await page.click('#submit');
  await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('#invite-link')?.value ?? '') !== '');
  return page.inputValue('#invite-link');
}

/** Opens an invite link and joins under `name`. */
export async function joinByLink(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.fill('#name', name);
  await page.click('#submit');
}
