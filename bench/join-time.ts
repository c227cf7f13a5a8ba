/**
 * Time from opening an invite link to seeing the other player, in real headless Chromium
 * against the production server, plus the size of a two-player snapshot. A measurement, not a
 * test: it prints a table and writes bench/out/join-time.json.
 *
 *   npm run bench:join [-- runs]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { encodePeerMessage } from '../src/protocol/peer-messages.js';
import { snapshotFromWorld } from '../src/replication/snapshot.js';
import { createWorld, spawnPlayer } from '../src/sim/world.js';
import { launchChromium } from '../tests/support/chromium.js';
import { hostGame, newPlayerPage, waitForState } from '../tests/support/game-page.js';
import { startLobbyProcess } from '../tests/support/lobby-process.js';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

function twoPlayerSnapshotBytes(): number {
  const world = createWorld({ width: 960, height: 540 });
  spawnPlayer(world, 0);
  spawnPlayer(world, 1);
  world.tick = 123_456;
  return encodePeerMessage(snapshotFromWorld(world)).byteLength;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const server = await startLobbyProcess();
  const browser = await launchChromium();
  const rows: { run: number; mode: string; openToSeeMs: number; clickToSeeMs: number }[] = [];
  try {
    for (const mode of ['click at once', 'click when ready'] as const) {
      for (let run = 1; run <= runs; run += 1) {
        const host = await newPlayerPage(browser);
        const guest = await newPlayerPage(browser);
        const invite = await hostGame(host, server.origin, 'Host');
        const opened = performance.now();
        await guest.goto(invite);
        await guest.fill('#name', 'Guest');
        if (mode === 'click when ready') await waitForState(guest, 'renderer ready', (state) => state.rendererReady);
        const clicked = performance.now();
        await guest.click('#submit');
        await waitForState(guest, 'two players drawn', (state) => state.drawnPlayers === 2);
        const seen = performance.now();
        rows.push({ run, mode, openToSeeMs: Math.round(seen - opened), clickToSeeMs: Math.round(seen - clicked) });
        await host.context().close();
        await guest.context().close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const summary = (['click at once', 'click when ready'] as const).map((mode) => {
    const of = rows.filter((row) => row.mode === mode);
    return {
      mode,
      medianOpenToSeeMs: median(of.map((row) => row.openToSeeMs)),
      medianClickToSeeMs: median(of.map((row) => row.clickToSeeMs)),
    };
  });
  const result = { runs: rows, summary, twoPlayerSnapshotBytes: twoPlayerSnapshotBytes() };
  console.table(rows);
  console.table(summary);
  console.log(`two-player full snapshot: ${result.twoPlayerSnapshotBytes} bytes`);
  await mkdir('bench/out', { recursive: true });
  await writeFile('bench/out/join-time.json', `${JSON.stringify(result, null, 2)}\n`);
}

await main();
