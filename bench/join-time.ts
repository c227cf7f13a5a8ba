/**
 * Time from opening an invite link to seeing the other player, in real headless Chromium
 * against the production server, plus the size of a two-player snapshot. Two tables: the join on
 * loopback (click at once, or when the renderer is ready), and a friend's first visit (empty
 * cache) and second visit (warm cache) under network profiles, with the bytes that crossed the
 * network, served compressed (as the server does) beside uncompressed (the browser asks for
 * `identity`: what the server sent before). Times are the guest page's own clock (JoinTimeline:
 * from its navigation, the Join click, the first frame that draws the players), so the bench's
 * polling of the page does not count. A measurement, not a test: it prints the tables and writes
 * bench/out/join-time.json.
 *
 *   npm run bench:join [-- runs [visit runs]]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { encodePeerMessage, PeerMessageType } from '../src/protocol/peer-messages.js';
import { SnapshotSender } from '../src/replication/snapshot-sender.js';
import { ReplicatedGame } from '../src/game/replicated-game.js';
import { Button } from '../src/games/tag/input.js';
import { tagGame } from '../src/games/tag/tag-game.js';
import { createWorld, spawnPlayer, stepWorld } from '../src/games/tag/world.js';
import { launchChromium, type NetworkConditions } from '../tests/support/browsers/chromium.js';
import type { TestBrowser } from '../tests/support/browsers/test-page.js';
import { hostGame, joinByLink, waitForState } from '../tests/support/game-page.js';
import { BENCH_LIMITS, startLobbyProcess } from '../tests/support/lobby-process.js';

/** The profiles of issue 14: a fast link (none), cable 10/5 Mbit/s at 40 ms, slow 4G 1.6/0.75 Mbit/s at 150 ms. */
const PROFILES: Readonly<Record<string, NetworkConditions | undefined>> = {
  none: undefined,
  cable: { latencyMs: 40, downloadBytesPerSecond: 10e6 / 8, uploadBytesPerSecond: 5e6 / 8 },
  'slow 4G': { latencyMs: 150, downloadBytesPerSecond: 1.6e6 / 8, uploadBytesPerSecond: 0.75e6 / 8 },
};
/** How the game's files travel: as the server sends them, or as a server without compression would. */
const SERVED: Readonly<Record<string, string | undefined>> = { compressed: undefined, uncompressed: 'identity' };

type Launched = Awaited<ReturnType<typeof launchChromium>>;

/**
 * Where a join's time went, from the page's own clock (JoinTimeline): the entry script downloaded
 * and running; the renderer (Phaser's chunk) loaded and booted after that; Join → the lobby's
 * welcome; welcome → playing (the WebRTC link to the host open); playing → the first frame with
 * the players (the host's first snapshot in and drawn).
 */
interface JoinPhases {
  readonly scriptMs: number;
  readonly rendererMs: number;
  readonly lobbyMs: number;
  readonly webrtcMs: number;
  readonly drawMs: number;
}

/** A host (unthrottled, its own profile) opens a game; the guest opens the invite link in its page, until both players are drawn. */
async function visit(browser: TestBrowser, origin: string, guest: { page: Parameters<typeof joinByLink>[0]; bytesReceived(): number }): Promise<{ ms: number; bytes: number; phases: JoinPhases }> {
  const host = await browser.newPage();
  try {
    const invite = await hostGame(host, origin, 'Host');
    await joinByLink(guest.page, invite, 'Guest');
    const { timeline: t } = await waitForState(guest.page, 'two players drawn', (state) => state.drawnPlayers === 2, 60_000);
    const at = (moment: keyof typeof t): number => t[moment] ?? Number.NaN;
    const [script, renderer, clicked, entered, playing, drawn] = [at('script'), at('renderer-ready'), at('join-clicked'), at('lobby-entered'), at('playing'), at('players-drawn')];
    const phases = { scriptMs: script, rendererMs: renderer - script, lobbyMs: entered - clicked, webrtcMs: playing - entered, drawMs: drawn - playing };
    // The page's own clock, from its navigation: polling the page adds nothing to it.
    return { ms: drawn, bytes: guest.bytesReceived(), phases };
  } finally {
    await guest.page.close();
    await host.close();
  }
}

/** First and second visit of one friend per run, for every way of serving and every profile. */
async function visits(browser: Launched, origin: string, runs: number) {
  const rows: { served: string; profile: string; run: number; coldMs: number; coldBytes: number; warmMs: number; warmBytes: number; cold: JoinPhases }[] = [];
  for (const [served, acceptEncoding] of Object.entries(SERVED)) {
    for (const [profile, conditions] of Object.entries(PROFILES)) {
      for (let run = 1; run <= runs; run += 1) {
        const friend = await browser.newMeasuredContext();
        try {
          const cold = await visit(browser, origin, await friend.newPage(conditions, acceptEncoding));
          const warm = await visit(browser, origin, await friend.newPage(conditions, acceptEncoding));
          rows.push({ served, profile, run, coldMs: cold.ms, coldBytes: cold.bytes, warmMs: warm.ms, warmBytes: warm.bytes, cold: cold.phases });
        } finally {
          await friend.close();
        }
      }
    }
  }
  const summary = Object.keys(SERVED).flatMap((served) =>
    Object.keys(PROFILES).map((profile) => {
      const of = rows.filter((row) => row.served === served && row.profile === profile);
      return {
        served,
        profile,
        medianColdMs: median(of.map((row) => row.coldMs)),
        coldBytes: median(of.map((row) => row.coldBytes)),
        medianWarmMs: median(of.map((row) => row.warmMs)),
        warmBytes: median(of.map((row) => row.warmBytes)),
      };
    }),
  );
  // Where the first visit's time went, as the served files and the profile change it (medians).
  const phases = summary.map(({ served, profile }) => {
    const of = rows.filter((row) => row.served === served && row.profile === profile).map((row) => row.cold);
    const medianOf = (key: keyof JoinPhases): number => median(of.map((phase) => phase[key]));
    return { served, profile, scriptMs: medianOf('scriptMs'), rendererMs: medianOf('rendererMs'), lobbyMs: medianOf('lobbyMs'), webrtcMs: medianOf('webrtcMs'), drawMs: medianOf('drawMs') };
  });
  return { rows, summary, phases };
}

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
  const visitRuns = Number(process.argv[3] ?? 3);
  // Dozens of games and joins from one address in a few minutes: the per-address limits (made for
  // one household) would refuse them, so the bench lifts them, as the other browser benches do.
  const server = await startLobbyProcess(BENCH_LIMITS);
  const browser = await launchChromium();
  const rows: { run: number; mode: string; openToSeeMs: number; clickToSeeMs: number }[] = [];
  let firstVisits: Awaited<ReturnType<typeof visits>>;
  try {
    for (const mode of ['click at once', 'click when ready'] as const) {
      for (let run = 1; run <= runs; run += 1) {
        const host = await browser.newPage();
        const guest = await browser.newPage();
        const invite = await hostGame(host, server.origin, 'Host');
        await guest.goto(invite);
        await guest.fill('#name', 'Guest');
        if (mode === 'click when ready') await waitForState(guest, 'renderer ready', (state) => state.rendererReady);
        await guest.click('#submit');
        const { timeline } = await waitForState(guest, 'two players drawn', (state) => state.drawnPlayers === 2);
        // The page's own clock (navigation start, the click, the first frame with the players).
        const drawn = timeline['players-drawn'] ?? Number.NaN;
        rows.push({ run, mode, openToSeeMs: drawn, clickToSeeMs: drawn - (timeline['join-clicked'] ?? Number.NaN) });
        await host.close();
        await guest.close();
      }
    }
    firstVisits = await visits(browser, server.origin, visitRuns);
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
  const result = { runs: rows, summary, visits: firstVisits, twoPlayerSnapshotBytes: twoPlayerSnapshotBytes() };
  console.table(rows);
  console.table(summary);
  console.table(firstVisits.summary);
  console.log('Where a first visit\'s time goes (ms, medians; the page\'s own clock, see JoinTimeline):');
  console.table(firstVisits.phases);
  console.log(
    `two-player snapshot message: ${result.twoPlayerSnapshotBytes.full} bytes full, ${result.twoPlayerSnapshotBytes.delta} bytes delta`,
  );
  await mkdir('bench/out', { recursive: true });
  await writeFile('bench/out/join-time.json', `${JSON.stringify(result, null, 2)}\n`);
}

await main();
