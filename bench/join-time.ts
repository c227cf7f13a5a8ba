/**
 * Time from opening an invite link to seeing the other player, in real headless Chromium
 * against the production server, plus the size of a two-player snapshot. A measurement, not a
 * test: it prints a table and writes bench/out/join-time.json.
 *
 *   npm run bench:join [-- runs]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { encodePeerMessage, PeerMessageType } from '../src/protocol/peer-messages.js';
import { SnapshotSender } from '../src/replication/snapshot-sender.js';
import { ReplicatedGame } from '../src/game/replicated-game.js';
import { Button } from '../src/games/tag/input.js';
import { tagGame } from '../src/games/tag/tag-game.js';
import { createWorld, spawnPlayer, stepWorld } from '../src/games/tag/world.js';
import { launchChromium } from '../tests/support/browsers/chromium.js';
import { hostGame, waitForState } from '../tests/support/game-page.js';
import { startLobbyProcess } from '../tests/support/lobby-process.js';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/**
 * Wire size of Tag's two-player snapshot messages, from the real encoder: the first (full)
 * one, and a delta three snapshots later in which both players moved.
 */
function twoPlayerSnapshotBytes(): { full: number; delta: number } {
  const game = new ReplicatedGame(tagGame());
  const sender = new SnapshotSender(game.schema);
  const world = createWorld(game.definition.arena);
  spawnPlayer(world, 0);
  spawnPlayer(world, 1);
  const tick = 123_456;
  const frame = (tick: number, body: Uint8Array, baselineTick: number): number =>
    encodePeerMessage({ type: PeerMessageType.Snapshot, tick, baselineTick, inputAck: 4_000, epoch: 0, body }).byteLength;
  const first = sender.encode(game.capture(world, tick));
  sender.acknowledge(first.tick);
  for (let i = 0; i < 9; i += 1) stepWorld(world, new Map([[0, Button.Right], [1, Button.Up | Button.Left]]));
  const next = sender.encode(game.capture(world, tick + 9));
  return { full: frame(first.tick, first.body, first.baselineTick), delta: frame(next.tick, next.body, next.baselineTick) };
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const server = await startLobbyProcess();
  const browser = await launchChromium();
  const rows: { run: number; mode: string; openToSeeMs: number; clickToSeeMs: number }[] = [];
  try {
    for (const mode of ['click at once', 'click when ready'] as const) {
      for (let run = 1; run <= runs; run += 1) {
        const host = await browser.newPage();
        const guest = await browser.newPage();
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
        await host.close();
        await guest.close();
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
  console.log(
    `two-player snapshot message: ${result.twoPlayerSnapshotBytes.full} bytes full, ${result.twoPlayerSnapshotBytes.delta} bytes delta`,
  );
  await mkdir('bench/out', { recursive: true });
  await writeFile('bench/out/join-time.json', `${JSON.stringify(result, null, 2)}\n`);
}

await main();
