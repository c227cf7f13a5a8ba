import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browsers/launch.js';
import type { BrowserName, TestBrowser, TestPage } from '../support/browsers/test-page.js';
import { startCoturn, type Coturn } from '../support/coturn.js';
import { debugState, hostGame, joinByLink, waitForState } from '../support/game-page.js';
import { startLobbyProcess, type LobbyProcess } from '../support/lobby-process.js';
import { present } from '../support/wait.js';

/**
 * Firefox and Chromium through the real coturn, relay only: the lobby mints each player a TURN
 * credential (REST scheme, shared secret) and `?ice=relay` forbids any other path. Each page's own
 * end of the selected candidate pair must be its relay.
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

  /**
   * This page's end of the selected pair is its relay. The remote end is the other page's relay
   * address, which this page knows as `relay` when the other's candidate arrived through the lobby
   * first, or as `prflx` when the other's connectivity check came first (seen under CI load,
   * Firefox hosting): with `?ice=relay` the other page can send from nothing else, and its own
   * check of its local end proves it.
   */
  const relayed = async (page: TestPage): Promise<void> => {
    const state = await waitForState(page, 'the selected candidate pair', (s) => s.links.length === 1 && s.links[0]?.candidates !== undefined);
    expect(state.links[0]?.candidates?.local).toBe('relay');
    expect(['relay', 'prflx']).toContain(state.links[0]?.candidates?.remote);
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
