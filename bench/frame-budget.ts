/**
 * Frame budget of the demo: main-thread time per rendered frame (the game's update and Phaser's
 * render) and per match-loop run (simulation and snapshots on the host; input, prediction and
 * decoding on clients), in headless Chromium with 4 pages of one Zap Arena game holding 200
 * entities (4 fighters, 195 gems, the scoreboard), every player moving. A measurement, not a
 * test: it prints a table and writes bench/out/frame-budget.json.
 *
 *   npm run bench:frames [-- seconds]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { launchChromium } from '../tests/support/browsers/chromium.js';
import type { TestPage } from '../tests/support/browsers/test-page.js';
import { debugState, hostGame, joinByLink, waitForState } from '../tests/support/game-page.js';
import { startLobbyProcess } from '../tests/support/lobby-process.js';

const GEMS = 195;
const ENTITIES = 4 + GEMS + 1;
const KEYS = ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp'];

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 10);
  const server = await startLobbyProcess();
  const browser = await launchChromium();
  try {
    const pages: TestPage[] = [];
    for (let i = 0; i < 4; i += 1) pages.push(await browser.newPage());
    const [host, ...guests] = pages as [TestPage, ...TestPage[]];
    const invite = await hostGame(host, server.origin, 'P1', `?gems=${GEMS}`);
    for (const [i, guest] of guests.entries()) await joinByLink(guest, invite, `P${i + 2}`);
    for (const page of pages) await waitForState(page, `${ENTITIES} entities`, (state) => state.drawnPlayers === 4 && state.entities.length === ENTITIES);
    // Everyone walks in circles for the whole measurement: turn every half second.
    const started = Date.now();
    let turn = 0;
    while (Date.now() - started < seconds * 1000) {
      await Promise.all(pages.map((page, i) => page.keyDown(KEYS[(turn + i) % KEYS.length] ?? 'ArrowRight')));
      await new Promise((resolve) => setTimeout(resolve, 500));
      await Promise.all(pages.map((page, i) => page.keyUp(KEYS[(turn + i) % KEYS.length] ?? 'ArrowRight')));
      turn += 1;
    }
    const rows = [];
    for (const [i, page] of pages.entries()) {
      const state = await debugState(page);
      const frame = state.frameMs;
      const loop = state.loopMs;
      rows.push({
        page: `P${i + 1} (${state.role ?? '?'}, ${state.renderer ?? '?'})`,
        entities: state.entities.length,
        frames: frame?.count ?? 0,
        frameMeanMs: round(frame?.meanMs),
        frameP95Ms: round(frame?.p95Ms),
        frameMaxMs: round(frame?.maxMs),
        loopMeanMs: round(loop?.meanMs),
        loopP95Ms: round(loop?.p95Ms),
      });
    }
    console.table(rows);
    console.log(`4 pages, ${ENTITIES} entities, ${seconds} s of play; a 60 fps frame has 16.7 ms (the last 600 frames and loop runs of each page)`);
    await mkdir('bench/out', { recursive: true });
    await writeFile('bench/out/frame-budget.json', `${JSON.stringify({ seconds, entities: ENTITIES, pages: rows }, null, 2)}\n`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

function round(value: number | undefined): number {
  return Math.round((value ?? Number.NaN) * 100) / 100;
}

await main();
