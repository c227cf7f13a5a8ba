import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { newPlayerPage } from '../support/game-page.js';
import { startLobbyProcess, type LobbyProcess } from '../support/lobby-process.js';
import { present } from '../support/wait.js';

const members = (page: Page): Promise<string[]> => page.locator('#members li').allTextContents();

describe('the lobby in the browser: host options, live list, quick join, reload, kick', () => {
  let server: LobbyProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startLobbyProcess();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists a public game, quick-joins it, keeps the seat across a reload, and shows a kick', async () => {
    const origin = present(server, 'server').origin;
    const alice = await newPlayerPage(present(browser, 'browser'));
    const bob = await newPlayerPage(present(browser, 'browser'));
    const hostile = '<img src=x onerror="document.title=1">Al';
    await alice.goto(origin);
    await alice.fill('#name', hostile);
    await alice.fill('#game-name', 'Arena night');
    await alice.check('#public');
    await alice.selectOption('#max-players', '4');
    await alice.click('#submit');
    await alice.waitForSelector('#invite-link');
    const invite = await alice.inputValue('#invite-link');
    expect(await members(alice)).toEqual([`${hostile.slice(0, 24)} (host, you)`]);
    expect(await alice.locator('#members img').count()).toBe(0); // rendered as text, never as HTML

    await bob.goto(origin);
    await bob.fill('#name', 'Bob');
    const row = bob.locator('#games tr.game', { hasText: 'Arena night' });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['Arena night', hostile.slice(0, 24), '1/4', 'waiting', 'Join']);
    await bob.click('#quick-join');
    await bob.waitForSelector('#invite-link');
    expect(await bob.inputValue('#invite-link')).toBe(invite);
    await alice.locator('#members li', { hasText: 'Bob' }).waitFor();

    await bob.reload();
    await bob.waitForSelector('#invite-link');
    expect(await bob.inputValue('#invite-link')).toBe(invite); // same game, from sessionStorage
    await bob.locator('#members li', { hasText: '(host)' }).waitFor();
    expect(await members(bob)).toEqual(['Bob (you)', `${hostile.slice(0, 24)} (host)`]);
    expect((await members(alice)).filter((text) => text.startsWith('Bob'))).toHaveLength(1); // the same seat, not a second one

    await alice.locator('#members li', { hasText: 'Bob' }).getByRole('button', { name: 'Kick' }).click();
    await bob.waitForSelector('#message');
    expect(await bob.textContent('#message')).toBe('The host removed you from this game.');
    expect(await alice.title()).toBe('Hostmesh');
  });
});
