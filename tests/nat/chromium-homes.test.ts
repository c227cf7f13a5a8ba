import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchChromium } from '../support/browsers/chromium.js';
import type { TestBrowser, TestPage } from '../support/browsers/test-page.js';
import { hostGame, joinByLink, waitForState } from '../support/game-page.js';
import { buildNatLab, natLabAvailable, type NatLab } from '../support/nat-lab.js';
import { startLabLobby } from '../support/lab-servers.js';
import { present } from '../support/wait.js';

/**
 * The real game in real Chromium, two friends in two homes behind cone NATs, the server as
 * `npm start` runs it (no settings): the invite link works and they play, directly through the
 * NATs thanks to the lobby's own STUN server.
 */
const unavailable = await natLabAvailable();
if (unavailable) console.warn(`NAT lab skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('Chromium pages in two homes (lab), default settings', () => {
  let lab: NatLab | undefined;
  let lobby = '';
  let scripts = '';
  const browsers: TestBrowser[] = [];

  const byHome = new Map<string, TestBrowser>();

  /** Chromium started inside a home's namespace (once per home), through a one-line script Playwright runs as its browser. */
  async function chromiumAt(home: string): Promise<TestBrowser> {
    const running = byHome.get(home);
    if (running) return running;
    const script = join(scripts, `chromium-${home}`);
    await writeFile(script, `#!/bin/sh\nexec ip netns exec ${lab?.hostNamespace(home) ?? ''} ${CHROMIUM_PATH} "$@"\n`);
    await chmod(script, 0o755);
    const browser = await launchChromium({ executablePath: script });
    browsers.push(browser);
    byHome.set(home, browser);
    return browser;
  }

  /** The page's own verdict on its network (src/net/nat-probe.ts), once its probe is done. */
  async function natVerdict(page: TestPage): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const verdict = await page.evaluate<string | undefined>('document.body.dataset.nat');
      if (verdict !== undefined) return verdict;
      if (Date.now() > deadline) throw new Error('the page never finished its NAT probe');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    lab = await buildNatLab({
      annsHome: { nat: 'cone', hosts: 1 },
      bensHome: { nat: 'cone', hosts: 1 },
      strictHome: { nat: 'symmetric', hosts: 1 },
      closedHome: { nat: 'udp-blocked', hosts: 1 },
    });
    scripts = await mkdtemp(join(tmpdir(), 'hostmesh-lab-chromium-'));
    lobby = await startLabLobby(lab, 8080);
  });
  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await lab?.tearDown();
    if (scripts !== '') await rm(scripts, { recursive: true, force: true });
  });

  it('a friend opens the invite link in another home and both play, directly through the NATs', async () => {
    const ann: TestPage = await (await chromiumAt('annsHome')).newPage();
    const ben: TestPage = await (await chromiumAt('bensHome')).newPage();
    const link = await hostGame(ann, lobby, 'Ann');
    expect(link.startsWith(`${lobby}/join/`)).toBe(true);
    const joinedAt = performance.now();
    await joinByLink(ben, link, 'Ben');
    const bothDrawn = (state: { readonly drawnPlayers: number; readonly status: string }): boolean => state.drawnPlayers === 2 && state.status === 'playing';
    const [annState, benState] = await Promise.all([waitForState(ann, 'Ann to draw both', bothDrawn), waitForState(ben, 'Ben to draw both', bothDrawn)]);
    console.log(`Chromium in two homes: both drawn ${Math.round(performance.now() - joinedAt)} ms after Ben's join click`);
    // The path: each side through the other's public mapping, not a relay (none is configured) nor the LAN.
    const path = await waitForState(ben, 'the path of Ben\'s link to be known', (state) => state.links.some((stats) => stats.candidates !== undefined));
    for (const stats of path.links) {
      if (!stats.candidates) continue;
      expect(['srflx', 'prflx']).toContain(stats.candidates.local);
      expect(['srflx', 'prflx']).toContain(stats.candidates.remote);
    }
    // Ben moves, and Ann sees it.
    const benSlot = benState.players.find((player) => player.isSelf)?.slot;
    const before = annState.players.find((player) => player.slot === benSlot)?.x;
    await ben.keyDown('ArrowRight');
    await waitForState(ann, 'Ann to see Ben move', (state) => state.players.find((player) => player.slot === benSlot)?.x !== before);
    await ben.keyUp('ArrowRight');
    // Their networks need no relay, and nobody told them otherwise.
    for (const page of [ann, ben]) expect(await natVerdict(page)).toBe('direct');
  });

  it('a friend whose network changes mid-game keeps playing: the link restarts ICE, nobody migrates', async () => {
    const ann = await (await chromiumAt('annsHome')).newPage();
    const ben = await (await chromiumAt('bensHome')).newPage();
    await joinByLink(ben, await hostGame(ann, lobby, 'Ann'), 'Ben');
    const bothDrawn = (state: { readonly drawnPlayers: number; readonly status: string }): boolean => state.drawnPlayers === 2 && state.status === 'playing';
    const [before] = await Promise.all([waitForState(ann, 'Ann to draw both', bothDrawn), waitForState(ben, 'Ben to draw both', bothDrawn)]);
    const benSlot = (await waitForState(ben, 'Ben to have a slot', (state) => state.players.some((player) => player.isSelf))).players.find((player) => player.isSelf)?.slot;
    const benX = (state: { readonly players: readonly { readonly slot: number; readonly x: number }[] }): number => state.players.find((player) => player.slot === benSlot)?.x ?? Number.NaN;
    await ben.keyDown('ArrowRight');
    const moving = benX(await waitForState(ann, 'Ann to see Ben walk right', (state) => benX(state) > benX(before) + 20));
    const changedAt = performance.now();
    await present(lab, 'the lab').changePublicAddress('bensHome');
    // Ben turns around: Ann can see him walk left only once his inputs reach her again.
    await ben.keyUp('ArrowRight');
    await ben.keyDown('ArrowLeft');
    let farthest = moving;
    await waitForState(ann, 'Ann to see Ben walk left after his network changed', (state) => {
      farthest = Math.max(farthest, benX(state));
      return benX(state) < farthest - 20;
    }, 20_000);
    console.log(`Chromium, Ben's network changed: Ann saw him turn ${Math.round(performance.now() - changedAt)} ms later`);
    await ben.keyUp('ArrowLeft');
    for (const page of [ann, ben]) {
      const state = await waitForState(page, 'both to play on', bothDrawn);
      expect({ host: state.host, slots: state.players.map((player) => player.slot).sort() }).toEqual({ host: before.host, slots: before.players.map((player) => player.slot).sort() });
    }
    await Promise.all([ann.close(), ben.close()]);
  });

  it.each([
    ['behind a strict NAT', 'strictHome', 'needs-relay', /a strict NAT.*only through a relay, and this server offers none/],
    ['on a network that blocks UDP', 'closedHome', 'no-udp', /No direct path out of your network/],
  ] as const)('tells a player %s, before anyone fails to connect', async (_, home, verdict, advice) => {
    const page = await (await chromiumAt(home)).newPage();
    await hostGame(page, lobby, 'Cleo');
    expect(await natVerdict(page)).toBe(verdict);
    expect(await page.textContent('body')).toMatch(advice);
  });
});
