import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type PhonePage } from './browsers/chromium.js';
import type { TestBrowser, TestPage } from './browsers/test-page.js';
import { startLobbyProcess, type LobbyProcess } from './lobby-process.js';
import { present } from './wait.js';

/** Where end-to-end tests save their screenshots (git-ignored). */
export const OUTPUT_DIR = 'test-output/e2e';

export interface ChromiumSuite {
  /** The production server's address. */
  origin(): string;
  /** A new page in its own browser context: a separate person. */
  open(): Promise<TestPage>;
  /** A new phone (touch screen, portrait) in its own browser context. */
  openPhone(): Promise<PhonePage>;
}

/**
 * The usual end-to-end set-up, registered on the current `describe`: the production server
 * (with `env`, e.g. `{ GAME: 'tag' }`) and one headless Chromium (with a fake camera and
 * microphone if asked), both stopped after the suite.
 */
export function useChromiumSuite(env: Record<string, string> = {}, launch: { readonly fakeMedia?: boolean } = {}): ChromiumSuite {
  let server: LobbyProcess | undefined;
  let browser: (TestBrowser & { newPhonePage(): Promise<PhonePage> }) | undefined;
  beforeAll(async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    server = await startLobbyProcess(env);
    browser = await launchChromium(launch);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    origin: () => present(server, 'server').origin,
    open: () => present(browser, 'browser').newPage(),
    openPhone: () => present(browser, 'browser').newPhonePage(),
  };
}

/** Polls a page expression until it is true (lists and DOM that update live). */
export async function untilTrue(page: TestPage, what: string, expression: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await page.evaluate<boolean>(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
