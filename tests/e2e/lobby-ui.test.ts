import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browsers/launch.js';
import type { TestBrowser, TestPage } from '../support/browsers/test-page.js';
import { startLobbyProcess, type LobbyProcess } from '../support/lobby-process.js';
import { present } from '../support/wait.js';
import { untilTrue } from '../support/chromium-suite.js';
import { debugState, waitForState } from '../support/game-page.js';

/** The text of every row of the members list (`#members li`). */
const members = (page: TestPage): Promise<string[]> =>
  page.evaluate<string[]>("[...document.querySelectorAll('#members li')].map((item) => item.textContent)");


describe('the lobby in the browser: host options, live list, quick join, reload, kick', () => {
  let server: LobbyProcess | undefined;
  let browser: TestBrowser | undefined;

  beforeAll(async () => {
    server = await startLobbyProcess();
    browser = await launchBrowser('chromium');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists a public game, quick-joins it, keeps the seat across a reload, and shows a kick', async () => {
    const origin = present(server, 'server').origin;
    const alice = await present(browser, 'browser').newPage();
    const bob = await present(browser, 'browser').newPage();
    const hostile = '<img src=x onerror="document.title=1">Al';
    const shownName = hostile.slice(0, 24);
    await alice.goto(origin);
    await alice.fill('#name', hostile);
    await alice.fill('#game-name', 'Arena night');
    await alice.evaluate("(document.querySelector('#public').checked = true, document.querySelector('#max-players').value = '4')");
    await alice.click('#submit');
    await alice.waitForSelector('#invite-link');
    const invite = await alice.inputValue('#invite-link');
    expect(await members(alice)).toEqual([`${shownName} (host, you)`]);
    expect(await alice.evaluate<number>("document.querySelectorAll('#members img').length")).toBe(0); // text, never HTML

    await bob.goto(origin);
    await bob.fill('#name', 'Bob');
    await untilTrue(bob, 'the game in the public list', "[...document.querySelectorAll('#games tr.game')].some((row) => row.textContent.includes('Arena night'))");
    const row = await bob.evaluate<string[]>(
      "[...[...document.querySelectorAll('#games tr.game')].find((row) => row.textContent.includes('Arena night')).cells].map((cell) => cell.textContent)",
    );
    expect(row).toEqual(['Arena night', shownName, '1/4', 'waiting', 'Join']);
    await bob.click('#quick-join');
    await bob.waitForSelector('#invite-link');
    expect(await bob.inputValue('#invite-link')).toBe(invite);
    await untilTrue(alice, 'bob in alice\'s member list', "document.querySelector('#members').textContent.includes('Bob')");

    await bob.goto(origin); // like a reload: same tab, so the same sessionStorage
    await bob.waitForSelector('#invite-link');
    expect(await bob.inputValue('#invite-link')).toBe(invite); // the same game, from sessionStorage
    await untilTrue(bob, 'the host in bob\'s member list', "document.querySelector('#members').textContent.includes('(host)')");
    expect(await members(bob)).toEqual(['Bob (you)', `${shownName} (host)`]);
    await untilTrue(alice, 'bob back in alice\'s member list', "document.querySelector('#members').textContent.includes('Bob')");
    expect((await members(alice)).filter((text) => text.startsWith('Bob'))).toHaveLength(1); // the same seat, not a second one

    await alice.click('#members li:nth-child(2) button');
    await bob.waitForSelector('#message');
    expect(await bob.textContent('#message')).toBe('The host removed you from this game.');
    expect(await alice.evaluate<string>('document.title')).toBe('Zap Arena · Hostmesh');
    expect([...alice.errors(), ...bob.errors()]).toEqual([]);
    await alice.close();
    await bob.close();
  });

  it('joins as a spectator from an invite link with ?spectate, and keeps its peer id across a reload', async () => {
    const origin = present(server, 'server').origin;
    const host = await present(browser, 'browser').newPage();
    const cara = await present(browser, 'browser').newPage();
    await host.goto(origin);
    await host.fill('#name', 'Hosta');
    await host.click('#submit');
    await host.waitForSelector('#invite-link');
    const invite = await host.inputValue('#invite-link');

    await cara.goto(`${invite}?spectate`);
    expect(await cara.textContent('#submit')).toBe('Watch game');
    await cara.fill('#name', 'Cara');
    await cara.click('#submit');
    await cara.waitForSelector('#invite-link');
    await untilTrue(host, 'cara in the host\'s list as a spectator', "document.querySelector('#members').textContent.includes('Cara (watching)')");
    expect(await members(cara)).toEqual(['Cara (you, watching)', 'Hosta (host)']);
    // Cara sees the game (the host's player) but is not in it.
    const watching = await waitForState(cara, 'cara to see the host play', (state) => state.status === 'playing' && state.drawnPlayers === 1);
    expect(watching.players.map((player) => player.name)).toEqual(['Hosta']);
    expect(await cara.textContent('#status')).toContain('watching');
    expect((await debugState(host)).players).toHaveLength(1);
    const peerId = () => cara.evaluate<string | null>("sessionStorage.getItem('hostmesh.seat.peer')");
    const before = await peerId();
    expect(before).toMatch(/^[A-Za-z0-9_-]{12}$/);

    await cara.goto(`${invite}?spectate`); // a reload: the same seat, under the same peer id
    await cara.waitForSelector('#invite-link');
    await untilTrue(cara, 'the host in cara\'s list again', "document.querySelector('#members').textContent.includes('(host)')");
    expect(await peerId()).toBe(before);
    await untilTrue(host, 'cara back in the host\'s list', "document.querySelector('#members').textContent.includes('Cara')");
    expect((await members(host)).filter((text) => text.startsWith('Cara'))).toEqual(['Cara (watching) Kick']); // one row, with the host's Kick button
    expect([...host.errors(), ...cara.errors()]).toEqual([]);
    await host.close();
    await cara.close();
  });
});
