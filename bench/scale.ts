/**
 * What a game of 8 or 16 players costs its host and its pages, over real WebRTC in Node
 * (@roamhq/wrtc) on loopback, with interest management off and on: 256 entities (16 players,
 * 240 wanderers) in a 4096² world, the whole mesh in this one process. Then the same number of
 * players with Chromium pages among them (bench/scale-pages.ts: Zap Arena's large arena, the host
 * a page). Prints the tables and writes bench/out/scale.json. A measurement, not a test.
 *
 *   npm run bench:scale [-- seconds [chromium pages]]     (default 10 s per configuration, 2 pages; 0 skips them)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Match, type MatchOptions } from '../src/session/match.js';
import { systemScheduler } from '../src/time/scheduler.js';
import { expectOk } from '../tests/support/expect-ok.js';
import { startTestLobby } from '../tests/support/in-process-lobby.js';
import { waitFor } from '../tests/support/wait.js';
import { wrtcLinks } from '../tests/support/wrtc-links.js';
import { headingInput, scaleGame, SCALE_PLAYERS, type ScaleWorld } from './scale-game.js';
import { measureWithPages, pagesTable } from './scale-pages.js';
import { summarize, type Summary } from './stats.js';

/** How far a page sees with interest management on. */
const SIGHT = 1_024;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface ScaleRun {
  readonly players: number;
  readonly interest: 'off' | 'on';
  /** First lobby request until every page plays with every other player in view. */
  readonly meshMs: number;
  readonly hostUploadMbitPerSecond: number;
  /** Host → each peer, kbit/s. */
  readonly perPeerKbitPerSecond: Summary;
  /** Snapshot body bytes per snapshot, per peer (median of peers' means). */
  readonly bodyBytesPerSnapshot: number;
  /** Share of each peer's snapshots that carried every change within its budget; the worst peer's. */
  readonly worstPeerCompletePercent: number;
  /** Host match loop (simulation, capture, interest, encoding, sending): CPU ms per second and per simulated tick. */
  readonly hostLoopMsPerSecond: number;
  readonly hostMsPerTick: number;
  /** Each client's median decode time per snapshot, summarized over the clients, ms. */
  readonly clientDecodeMs: Summary;
  /** The whole process (every page, the lobby, libwebrtc's threads), % of one core. */
  readonly processCpuPercent: number;
  /** Resident memory the mesh added, per page, MB. */
  readonly rssMbPerPage: number;
}

function totalBytesOut(match: Match<ScaleWorld>): Map<string, number> {
  return new Map(match.linkStats().map((link) => [link.remoteId, link.totals.bytesOut]));
}

async function measure(players: number, sight: number | undefined, seconds: number): Promise<ScaleRun> {
  const lobby = await startTestLobby();
  const matches: Match<ScaleWorld>[] = [];
  const rssBefore = process.memoryUsage().rss;
  try {
    const startedAt = performance.now();
    const options = (index: number): MatchOptions<ScaleWorld> => ({
      lobby: lobby.url,
      name: `P${index}`,
      scheduler: systemScheduler,
      game: scaleGame(sight),
      // Each player turns slowly, each at its own pace, so everyone keeps moving across the world.
      localInput: () => headingInput(index + (performance.now() - startedAt) / (2_000 + index * 150)),
      linkFactory: wrtcLinks,
    });
    matches.push(expectOk(await Match.host(options(0), { maxPlayers: SCALE_PLAYERS })));
    const code = matches[0]?.code ?? '';
    for (let index = 1; index < players; index += 1) matches.push(expectOk(await Match.join(options(index), code)));
    // With interest management a page draws only who is near: the roster says who is in the game.
    await waitFor('every page to play with every player', () => matches.every((m) => m.status === 'playing' && m.roster().length === players && m.peerLinks.openLinks().length === players - 1), 120_000);
    const meshMs = performance.now() - startedAt;
    const rssMbPerPage = (process.memoryUsage().rss - rssBefore) / 1_048_576 / players;
    await sleep(2_000);
    const host = matches[0];
    if (!host) throw new Error('no host');
    const bytesBefore = totalBytesOut(host);
    const streamsBefore = new Map(host.snapshotStreams().map((stream) => [stream.peerId, stream]));
    const loopsBefore = host.loopTimes.total;
    const cpuBefore = process.cpuUsage();
    const windowStart = performance.now();
    await sleep(seconds * 1_000);
    const elapsed = (performance.now() - windowStart) / 1_000;
    const cpu = process.cpuUsage(cpuBefore);
    const bytesAfter = totalBytesOut(host);
    const perPeer = [...bytesAfter].map(([peer, bytes]) => ((bytes - (bytesBefore.get(peer) ?? 0)) * 8) / elapsed / 1_000);
    const streams = host.snapshotStreams().map((stream) => {
      const before = streamsBefore.get(stream.peerId) ?? { snapshots: 0, complete: 0, bodyBytes: 0 };
      const sent = stream.snapshots - before.snapshots;
      return { complete: sent === 0 ? 1 : (stream.complete - before.complete) / sent, bodyBytes: sent === 0 ? 0 : (stream.bodyBytes - before.bodyBytes) / sent };
    });
    const loops = host.loopTimes.total - loopsBefore;
    const loop = host.loopTimes.summary();
    const hostLoopMsPerSecond = (loop.meanMs * loops) / elapsed;
    const decode = matches.slice(1).map((match) => match.decodeTimes?.summary().p50Ms ?? Number.NaN);
    return {
      players,
      interest: sight === undefined ? 'off' : 'on',
      meshMs: Math.round(meshMs),
      hostUploadMbitPerSecond: Math.round(perPeer.reduce((sum, kbit) => sum + kbit, 0) / 10) / 100,
      perPeerKbitPerSecond: summarize(perPeer),
      bodyBytesPerSnapshot: summarize(streams.map((stream) => stream.bodyBytes)).median,
      worstPeerCompletePercent: Math.round(Math.min(...streams.map((stream) => stream.complete)) * 1_000) / 10,
      hostLoopMsPerSecond: Math.round(hostLoopMsPerSecond * 10) / 10,
      hostMsPerTick: Math.round((hostLoopMsPerSecond / 60) * 1_000) / 1_000,
      clientDecodeMs: summarize(decode),
      processCpuPercent: Math.round(((cpu.user + cpu.system) / 1_000 / (elapsed * 1_000)) * 1_000) / 10,
      rssMbPerPage: Math.round(rssMbPerPage * 10) / 10,
    };
  } finally {
    await Promise.all(matches.map((match) => match.close()));
    await lobby.close();
    // libwebrtc finishes closing on its own threads.
    await sleep(1_000);
  }
}

const seconds = Number(process.argv[2] ?? 10);
const chromiumPages = Number(process.argv[3] ?? 2);
const runs: ScaleRun[] = [];
for (const players of [8, 16]) {
  for (const sight of [undefined, SIGHT]) {
    const run = await measure(players, sight, seconds);
    runs.push(run);
    process.stdout.write(`measured ${players} players, interest ${run.interest}\n`);
  }
}
const table = [
  '| players | interest | full mesh, ms | host upload, Mbit/s | per peer, kbit/s (median) | body bytes / snapshot | worst peer: complete snapshots | host loop, ms/s | host, ms/tick | client decode p50, ms (median of clients) | process CPU, % of a core | RSS per page, MB |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...runs.map((run) => `| ${run.players} | ${run.interest} | ${run.meshMs} | ${run.hostUploadMbitPerSecond} | ${run.perPeerKbitPerSecond.median} | ${Math.round(run.bodyBytesPerSnapshot)} | ${run.worstPeerCompletePercent} % | ${run.hostLoopMsPerSecond} | ${run.hostMsPerTick} | ${run.clientDecodeMs.median} | ${run.processCpuPercent} | ${run.rssMbPerPage} |`),
];
process.stdout.write(`\n${table.join('\n')}\n`);
const withPages = chromiumPages > 0 ? await measureWithPages(chromiumPages, seconds) : undefined;
if (withPages) process.stdout.write(`\nWith Chromium pages (Zap Arena, large arena, interest management on):\n${pagesTable(withPages)}\n`);
await mkdir('bench/out', { recursive: true });
await writeFile('bench/out/scale.json', `${JSON.stringify({ seconds, sight: SIGHT, runs, withPages }, null, 2)}\n`);
process.exit(0);
