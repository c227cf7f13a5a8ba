import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browsers/launch.js';
import type { TestBrowser, TestPage } from '../support/browsers/test-page.js';
import { debugState, hostGame, joinByLink, waitForState } from '../support/game-page.js';
import { startLobbyProcess, type LobbyProcess } from '../support/lobby-process.js';
import { present } from '../support/wait.js';

const seat = (page: TestPage): Promise<string | null> => page.evaluate<string | null>("sessionStorage.getItem('hostmesh.seat')");

describe('the lobby restarts while two browsers play', () => {
  const lobbies: LobbyProcess[] = [];
  let browser: TestBrowser | undefined;

  beforeAll(async () => {
    lobbies.push(await startLobbyProcess());
    browser = await launchBrowser('chromium');
  });

  afterAll(async () => {
    await browser?.close();
    for (const lobby of lobbies) await lobby.stop();
  });

  it('a third browser joins the same game by its invite link once the lobby is back, and a reload still resumes the seat', async () => {
    const first = present(lobbies[0], 'lobby');
    const pages = present(browser, 'browser');
    const alice = await pages.newPage();
    const bob = await pages.newPage();
    const invite = await hostGame(alice, first.origin, 'Alice');
    await joinByLink(bob, invite, 'Bob');
    await waitForState(alice, 'alice to draw both players', (state) => state.drawnPlayers === 2);
    const bobId = (await debugState(bob)).selfId;
    const bobSeat = await seat(bob);

    await first.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    lobbies.push(await startLobbyProcess({ PORT: new URL(first.origin).port }));
    const backAt = Date.now();
    // Bob's page re-entered the room: it keeps a new reconnection token for its seat.
    for (;;) {
      if ((await seat(bob)) !== bobSeat) break;
      if (Date.now() - backAt > 20_000) throw new Error('bob never re-entered the lobby room');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.log(`lobby back → bob's page re-entered in ${Date.now() - backAt} ms`);

    const carol = await pages.newPage();
    await joinByLink(carol, invite, 'Carol');
    const onCarol = await waitForState(carol, 'carol to draw all three', (state) => state.drawnPlayers === 3);
    expect(onCarol.role).toBe('client');
    expect(onCarol.host?.id).toBe((await debugState(alice)).selfId);
    await waitForState(alice, 'alice to draw all three', (state) => state.drawnPlayers === 3 && state.role === 'host');

    await bob.goto(invite); // a reload: same tab, same sessionStorage
    const back = await waitForState(bob, 'bob back in his seat', (state) => state.status === 'playing' && state.drawnPlayers === 3);
    expect(back.selfId).toBe(bobId);
    expect([...alice.errors(), ...bob.errors(), ...carol.errors()]).toEqual([]);
  });
});
