import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { debugState, hostGame, joinByLink, newPlayerPage, waitForState } from '../support/game-page.js';
import { startLobbyProcess, type LobbyProcess } from '../support/lobby-process.js';
import { present } from '../support/wait.js';

const OUTPUT_DIR = 'test-output/e2e';

describe('two Chromium pages play together through an invite link', () => {
  let server: LobbyProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    server = await startLobbyProcess();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('hosts, joins by link, moves the guest on the host page, and removes a closed tab', async () => {
    const origin = present(server, 'server').origin;
    const alice = await newPlayerPage(present(browser, 'browser'));
    const bob = await newPlayerPage(present(browser, 'browser'));
    // The host forces WebGL (software-emulated here) and the guest lets the engine choose, which
    // picks Canvas on a machine without a GPU: both renderers are exercised in one game.
    const invite = await hostGame(alice, origin, 'Alice', '?renderer=webgl');
    expect(invite).toMatch(new RegExp(`^${origin}/join/[2-9A-HJKMNP-Z]{6}$`));

    await joinByLink(bob, invite, 'Bob');
    await waitForState(bob, 'bob to see two players', (state) => state.players.length === 2);
    const onAlice = await waitForState(alice, 'alice to see two players', (state) => state.players.length === 2);
    expect(onAlice).toMatchObject({ role: 'host', renderer: 'webgl' });
    expect(await debugState(bob)).toMatchObject({ role: 'client', renderer: 'canvas' });
    await waitForState(bob, 'bob to draw both players', (state) => state.drawnPlayers === 2);
    await waitForState(alice, 'alice to draw both players', (state) => state.drawnPlayers === 2);

    const bobOnAlice = (state: typeof onAlice) => state.players.find((player) => player.name === 'Bob');
    const startX = bobOnAlice(onAlice)?.x ?? Number.NaN;
    await bob.keyboard.down('ArrowRight');
    await waitForState(alice, 'bob to move right on alice', (state) => (bobOnAlice(state)?.x ?? 0) > startX + 60);
    await bob.keyboard.up('ArrowRight');
    await alice.screenshot({ path: `${OUTPUT_DIR}/host-alice.png` });
    await bob.screenshot({ path: `${OUTPUT_DIR}/guest-bob.png` });

    await bob.close();
    await waitForState(alice, 'alice to see bob gone', (state) => state.players.length === 1);
    expect((await debugState(alice)).dropped).toEqual({ malformed: 0, unauthorized: 0 });
  });

  it('says clearly when an invite link is malformed or its game does not exist', async () => {
    const origin = present(server, 'server').origin;
    const page = await newPlayerPage(present(browser, 'browser'));
    await page.goto(`${origin}/join/AB`);
    expect(await page.textContent('#message')).toMatch(/not valid/);

    await joinByLink(page, `${origin}/join/ZZZZZZ`, 'Eve');
    await page.waitForSelector('#message');
    expect(await page.textContent('#message')).toMatch(/not valid, or the game has ended/);
    await page.close();
  });

  it('puts a guest behind the run-time network simulator from its address, adjustable from the console', async () => {
    const origin = present(server, 'server').origin;
    const host = await newPlayerPage(present(browser, 'browser'));
    const guest = await newPlayerPage(present(browser, 'browser'));
    const invite = await hostGame(host, origin, 'Host');
    await joinByLink(guest, `${invite}?netsim=latency=60,jitter=0`, 'Slow');
    // 60 ms out and 60 ms back are added to a loopback round trip: the RTT cannot be below 120.
    const slow = await waitForState(guest, 'an RTT over the simulated link', (state) => (state.links[0]?.rttMs ?? 0) > 0);
    expect(slow.links[0]?.rttMs).toBeGreaterThanOrEqual(120);
    const changed = await guest.evaluate(() =>
      (window as unknown as { __hostmesh: { setNetwork(direction: string, conditions: object): boolean } }).__hostmesh.setNetwork('outgoing', { loss: 1 }),
    );
    expect(changed).toBe(true);
    await waitForState(guest, 'pings to go unanswered', (state) => (state.links[0]?.loss ?? 0) > 0);

    await guest.goto(`${invite}?netsim=loss=7`);
    expect(await guest.textContent('#message')).toMatch(/netsim: loss is a probability between 0 and 1/);
    await host.close();
    await guest.close();
  });
});
