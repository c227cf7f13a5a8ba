import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browsers/launch.js';
import type { BrowserName, TestBrowser } from '../support/browsers/test-page.js';
import { untilTrue } from '../support/chromium-suite.js';
import { debugState, hostGame, joinByLink, waitForState } from '../support/game-page.js';
import { startLobbyProcess, type LobbyProcess } from '../support/lobby-process.js';
import { present } from '../support/wait.js';

const OUTPUT_DIR = 'test-output/e2e';

interface Pairing {
  readonly host: BrowserName;
  readonly guest: BrowserName;
  /** Added to the host's start page address. */
  readonly hostQuery: string;
}

/**
 * The core scenario in every browser pairing: host, join by invite link, play (a held key moves
 * the guest on the host's page), and leave (a closed tab disappears from the other screen).
 * Chromium↔Chromium also forces WebGL on the host (software-emulated here) while the guest lets
 * the engine choose (Canvas without a GPU): both renderers are exercised.
 */
const PAIRINGS: readonly Pairing[] = [
  { host: 'chromium', guest: 'chromium', hostQuery: '?renderer=webgl' },
  { host: 'firefox', guest: 'chromium', hostQuery: '' },
  { host: 'chromium', guest: 'firefox', hostQuery: '' },
];

describe('players join through an invite link and play, in every browser pairing', () => {
  let server: LobbyProcess | undefined;
  const browsers = new Map<BrowserName, TestBrowser>();

  beforeAll(async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    server = await startLobbyProcess();
    for (const name of ['chromium', 'firefox'] as const) browsers.set(name, await launchBrowser(name));
  });

  afterAll(async () => {
    for (const browser of browsers.values()) await browser.close();
    await server?.stop();
  });

  it.each(PAIRINGS)('$host hosts, $guest joins by link, plays and leaves', async ({ host, guest, hostQuery }) => {
    const origin = present(server, 'server').origin;
    const alice = await present(browsers.get(host), host).newPage();
    const bob = await present(browsers.get(guest), guest).newPage();
    const invite = await hostGame(alice, origin, 'Alice', hostQuery);
    expect(invite).toMatch(new RegExp(`^${origin}/join/[2-9A-HJKMNP-Z]{6}$`));

    await joinByLink(bob, invite, 'Bob');
    await waitForState(bob, 'bob to draw both players', (state) => state.drawnPlayers === 2);
    const onAlice = await waitForState(alice, 'alice to draw both players', (state) => state.drawnPlayers === 2);
    expect(onAlice.role).toBe('host');
    expect((await debugState(bob)).role).toBe('client');
    if (hostQuery.includes('webgl')) {
      expect(onAlice.renderer).toBe('webgl');
      expect((await debugState(bob)).renderer).toBe('canvas');
    }

    const bobOnAlice = (state: typeof onAlice) => state.players.find((player) => player.name === 'Bob');
    const startX = bobOnAlice(onAlice)?.x ?? Number.NaN;
    await bob.keyDown('ArrowRight');
    await waitForState(alice, 'bob to move right on alice', (state) => (bobOnAlice(state)?.x ?? 0) > startX + 60);
    await bob.keyUp('ArrowRight');
    await alice.screenshot(`${OUTPUT_DIR}/${host}-host-with-${guest}.png`);
    await bob.screenshot(`${OUTPUT_DIR}/${guest}-guest-of-${host}.png`);

    await bob.close();
    await waitForState(alice, 'alice to see bob gone', (state) => state.players.length === 1);
    expect((await debugState(alice)).dropped).toEqual({ malformed: 0, unauthorized: 0 });
    expect([...alice.errors(), ...bob.errors()]).toEqual([]);
    await alice.close();
  });

  it.each(['chromium', 'firefox'] as const)('%s names the host and game of an invite link as it opens, and says at once when the link is malformed or its game does not exist', async (name) => {
    const origin = present(server, 'server').origin;
    const page = await present(browsers.get(name), name).newPage();
    await page.goto(`${origin}/join/AB`);
    expect(await page.textContent('#message')).toMatch(/not valid/);

    await page.goto(`${origin}/join/ZZZZZZ`); // nothing typed, nothing pressed
    await page.waitForSelector('#message');
    expect(await page.textContent('#message')).toMatch(/There is no game ZZZZZZ: it has ended, or the link is mistyped/);

    const host = await present(browsers.get('chromium'), 'chromium').newPage();
    const invite = await hostGame(host, origin, 'Hana');
    await page.goto(invite);
    await untilTrue(page, 'the invitation to name the host', "document.querySelector('#invitation')?.textContent.startsWith('Hana invites you to play')");
    expect(await page.textContent('#invitation')).toBe('Hana invites you to play Zap Arena: 1 of 8 players, waiting to start.');
    await page.close();
    await host.close();
  });

  it('gives players who type no name a unique default, the same on every screen', async () => {
    const origin = present(server, 'server').origin;
    const chromium = present(browsers.get('chromium'), 'chromium');
    const [first, second] = [await chromium.newPage(), await chromium.newPage()];
    const invite = await hostGame(first, origin, '');
    await joinByLink(second, invite, '   ');
    for (const page of [first, second]) {
      const state = await waitForState(page, 'both players drawn', (seen) => seen.drawnPlayers === 2);
      expect(state.players.map((player) => player.name).sort()).toEqual(['Player 1', 'Player 2']);
    }
    await untilTrue(second, 'the member list to name both', "document.querySelector('#members')?.textContent.includes('Player 1 (host)')");
    expect(await second.textContent('#members')).toContain('Player 2 (you)');
    await first.close();
    await second.close();
  });

  it('puts a guest behind the run-time network simulator from its address, adjustable from the console', async () => {
    const origin = present(server, 'server').origin;
    const chromium = present(browsers.get('chromium'), 'chromium');
    const host = await chromium.newPage();
    const guest = await chromium.newPage();
    const invite = await hostGame(host, origin, 'Host');
    await joinByLink(guest, `${invite}?netsim=latency=60,jitter=0`, 'Slow');
    // 60 ms out and 60 ms back are added to a loopback round trip: the RTT cannot be below 120.
    const slow = await waitForState(guest, 'an RTT over the simulated link', (state) => (state.links[0]?.rttMs ?? 0) > 0);
    expect(slow.links[0]?.rttMs).toBeGreaterThanOrEqual(120);
    const hostId = slow.links[0]?.remoteId ?? '';
    expect(await guest.evaluate<number>("window.__hostmesh.setNetwork('outgoing', { loss: 1 }, 'nobody')")).toBe(0);
    expect(await guest.evaluate<number>(`window.__hostmesh.setNetwork('outgoing', { loss: 1 }, ${JSON.stringify(hostId)})`)).toBe(1);
    await waitForState(guest, 'pings to go unanswered', (state) => (state.links[0]?.loss ?? 0) > 0);

    await guest.goto(`${invite}?netsim=loss=7`);
    expect(await guest.textContent('#message')).toMatch(/netsim: loss is a probability between 0 and 1/);
    await host.close();
    await guest.close();
  });
});
