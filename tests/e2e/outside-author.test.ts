import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_ONLY, createAuthorProject, explainCacheMiss, runCommand, type AuthorProject } from '../support/author-project.js';
import { launchChromium } from '../support/browsers/chromium.js';
import type { TestBrowser, TestPage } from '../support/browsers/test-page.js';
import { OUTPUT_DIR } from '../support/chromium-suite.js';
import { debugState, hostGame, joinByLink, waitForState } from '../support/game-page.js';
import { startServerProcess, type LobbyProcess } from '../support/lobby-process.js';
import { freePort } from '../support/redis-process.js';
import { present } from '../support/wait.js';

/** Where the starter's guest stands (its own slot is not the host's). */
function guestX(state: Awaited<ReturnType<typeof debugState>>, name: string): number {
  return state.players.find((player) => player.name === name)?.x ?? Number.NaN;
}

/** Polls `expression` through a page reload (evaluating fails while the new document loads). */
async function untilReloaded(page: TestPage, expression: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await page.evaluate<boolean>(expression).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for the page to reload into: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Two pages in a game of the starter (host and guest by invite link), then the guest walks right
 * and the host sees it: the starter game plays end to end.
 */
async function playTwoPages(browser: TestBrowser, origin: string): Promise<{ host: TestPage; guest: TestPage; code: string | undefined }> {
  const host = await browser.newPage();
  const guest = await browser.newPage();
  const invite = await hostGame(host, origin, 'Ann');
  await joinByLink(guest, invite, 'Ben');
  for (const page of [host, guest]) await waitForState(page, 'both players drawn', (state) => state.drawnPlayers === 2);
  const before = guestX(await debugState(host), 'Ben');
  await guest.keyDown(before > 480 ? 'ArrowLeft' : 'ArrowRight');
  await waitForState(host, "the guest's walk on the host's page", (state) => Math.abs(guestX(state, 'Ben') - before) > 60);
  await guest.keyUp(before > 480 ? 'ArrowLeft' : 'ArrowRight');
  return { host, guest, code: (await debugState(host)).code };
}

/**
 * Hostmesh as someone outside this repository meets it: the packed tarball, `hostmesh create`,
 * `npm install`, then the starter's own build, tests, production server and dev server. npm
 * installs from its cache only (CI fills it before the network goes:
 * tests/support/warm-author-cache.ts); a missing package fails the set-up at once, saying so.
 */
describe('an outside author: npm pack → hostmesh create → npm install → play', () => {
  let work: string | undefined;
  let project: AuthorProject | undefined;
  let browser: TestBrowser | undefined;
  const servers: LobbyProcess[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'hostmesh-author-'));
    project = await createAuthorProject(work, CACHE_ONLY).catch((error: unknown) => {
      throw explainCacheMiss(error);
    });
    Object.assign(timings, project.timings);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await server.stop();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
    await mkdir(OUTPUT_DIR, { recursive: true });
    await writeFile(`${OUTPUT_DIR}/outside-author.json`, `${JSON.stringify({ timings }, null, 2)}\n`);
  });

  it('the starter builds, passes its own tests, and the declarations hold under strict', async () => {
    const folder = present(project, 'project').folder;
    timings['build'] = (await runCommand('npm', ['run', 'build'], folder)).ms;
    // hostmesh() hints the engine's network stack, which joining waits for, to the browser at once.
    const page = await readFile(path.join(folder, 'dist/index.html'), 'utf8');
    expect(page).toMatch(/<link rel="modulepreload"[^>]*href="\/assets\/live-game-[^"]+\.js"/);
    // The starter builds Phaser lean: its largest script is well under the whole of Phaser (1.37 MB).
    const sizes = await Promise.all((await readdir(path.join(folder, 'dist/assets'))).filter((file) => file.endsWith('.js')).map(async (file) => (await stat(path.join(folder, 'dist/assets', file))).size));
    expect(Math.max(...sizes)).toBeLessThan(1_000_000);
    const tests = await runCommand('npm', ['test'], folder);
    expect(tests.output).toMatch(/Tests\s+2 passed/);
    // The starter skips library checks (Phaser's own declarations have errors under strict);
    // hostmesh's must have none.
    const strict = await runCommand('npx', ['tsc', '--noEmit', '--skipLibCheck', 'false'], folder).catch((error: unknown) => ({ output: String(error), ms: 0 }));
    const ours = strict.output.split('\n').filter((line) => /error TS/.test(line) && !line.includes('node_modules/phaser/'));
    expect(ours).toEqual([]);
  }, 240_000);

  it('hostmesh serve: two Chromium pages play the starter through an invite link', async () => {
    const folder = present(project, 'project').folder;
    const started = performance.now();
    const server = await startServerProcess(path.join(folder, 'node_modules/.bin/hostmesh'), ['serve', 'dist'], { cwd: folder, env: { PORT: '0', HOST: '127.0.0.1', STUN_PORT: 'off', LOG_LEVEL: 'warn' } });
    servers.push(server);
    const { host, guest } = await playTwoPages(present(browser, 'browser'), server.origin);
    timings['serveToPlaying'] = performance.now() - started;
    await host.screenshot(`${OUTPUT_DIR}/outside-author-serve.png`);
    expect([...host.errors(), ...guest.errors()]).toEqual([]);
    await host.close();
    await guest.close();
  }, 120_000);

  it("vite dev with hostmesh/vite: pages join; an edit to the game's view reloads them into the same game", async () => {
    const folder = present(project, 'project').folder;
    const port = await freePort();
    const dev = await startServerProcess(path.join(folder, 'node_modules/.bin/vite'), ['--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: folder });
    servers.push(dev);
    const { host, guest, code } = await playTwoPages(present(browser, 'browser'), dev.origin);
    expect(code).toBeDefined();
    await appendFile(path.join(folder, 'src/tag-view.ts'), "\ndocument.body.dataset['edited'] = 'yes';\n");
    for (const page of [host, guest]) {
      await untilReloaded(page, "document.body.dataset['edited'] === 'yes'");
      await waitForState(page, 'the edited view back in the same game, both players drawn', (state) => state.code === code && state.drawnPlayers === 2, 30_000);
    }
    expect([...host.errors(), ...guest.errors()]).toEqual([]);
    await host.close();
    await guest.close();
  }, 120_000);
});
