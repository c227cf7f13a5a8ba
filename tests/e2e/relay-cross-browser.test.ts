import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browsers/launch.js';
import type { BrowserName, TestBrowser, TestPage } from '../support/browsers/test-page.js';
import { startCoturn, type Coturn } from '../support/coturn.js';
import { debugState, hostGame, joinByLink, waitForState } from '../support/game-page.js';
import { startLobbyProcess, type LobbyProcess } from '../support/lobby-process.js';
import { present } from '../support/wait.js';

/**
 * Firefox and Chromium through the real coturn, relay only: the lobby mints each player a TURN
 * credential (REST scheme, shared secret) and `?ice=relay` forbids any other path. Both ends of
 * the selected candidate pair must be relay candidates on both pages.
 */
describe('Firefox and Chromium connect through a TURN relay (coturn on loopback)', () => {
  let coturn: Coturn | undefined;
  let server: LobbyProcess | undefined;
  const browsers = new Map<BrowserName, TestBrowser>();

  beforeAll(async () => {
    coturn = await startCoturn();
    server = await startLobbyProcess({ TURN_SECRET: coturn.secret, TURN_URLS: coturn.url });
    for (const name of ['chromium', 'firefox'] as const) browsers.set(name, await launchBrowser(name));
  });

  afterAll(async () => {
    for (const browser of browsers.values()) await browser.close();
    await server?.stop();
    await coturn?.stop();
  });

  const relayed = async (page: TestPage): Promise<void> => {
    const state = await waitForState(page, 'the selected candidate pair', (s) => s.links.length === 1 && s.links[0]?.candidates !== undefined);
    expect(state.links[0]?.candidates).toMatchObject({ local: 'relay', remote: 'relay' });
  };

  it.each([
    ['firefox', 'chromium'],
    ['chromium', 'firefox'],
    ['firefox', 'firefox'],
  ] as const)('%s hosts, %s joins, relay only', async (hostName, guestName) => {
    const origin = present(server, 'server').origin;
    const host = await present(browsers.get(hostName), hostName).newPage();
    const guest = await present(browsers.get(guestName), guestName).newPage();
    const invite = await hostGame(host, origin, 'Host', '?ice=relay');
    await joinByLink(guest, `${invite}?ice=relay`, 'Guest');
    await waitForState(guest, 'both players drawn', (state) => state.drawnPlayers === 2);
    await waitForState(host, 'both players drawn', (state) => state.drawnPlayers === 2);
    await relayed(host);
    await relayed(guest);
    console.log(`${hostName} → ${guestName} relay connect: ${Math.round((await debugState(guest)).connectMs ?? Number.NaN)} ms`);
    expect([...host.errors(), ...guest.errors()]).toEqual([]);
    await guest.close();
    await host.close();
  });
});
