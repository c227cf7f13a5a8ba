/**
 * The 16-player game with real browsers in it: Zap Arena's large arena (interest management on,
 * 240 gems: 257 entities with the fighters and the scoreboard) on the production server, hosted by
 * a Chromium page, with more Chromium pages playing and Node players (@roamhq/wrtc, in this
 * process) making up the 16. Measured from the pages' own debug hooks: what the host page sends,
 * what its loop and frames cost, what a playing page receives and draws.
 */
import { loadavg } from 'node:os';
import { arenaVariants, type ArenaFields } from '../src/games/arena/arena-game.js';
import { Move, packInput } from '../src/games/arena/arena-input.js';
import type { ArenaState } from '../src/games/arena/rules.js';
import { Match } from '../src/session/match.js';
import { systemScheduler } from '../src/time/scheduler.js';
import type { DebugState } from '../src/view/debug-hook.js';
import { launchChromium } from '../tests/support/browsers/chromium.js';
import type { TestPage } from '../tests/support/browsers/test-page.js';
import { expectOk } from '../tests/support/expect-ok.js';
import { debugState, hostGame, joinByLink, waitForState } from '../tests/support/game-page.js';
import { BENCH_LIMITS, startLobbyProcess } from '../tests/support/lobby-process.js';
import { waitFor } from '../tests/support/wait.js';
import { wrtcLinks } from '../tests/support/wrtc-links.js';
import { summarize, type Summary } from './stats.js';

const PLAYERS = 16;
/** `?gems=40`: six times as many in the large arena, the most a host may ask for. */
const GEMS_QUERY = '?gems=40';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface PagesRun {
  readonly chromiumPages: number;
  readonly nodePlayers: number;
  readonly entities: number;
  /** The host's Create until every page and Node player plays with all 16 over 15 open links. */
  readonly meshMs: number;
  readonly hostUploadMbitPerSecond: number;
  readonly perPeerKbitPerSecond: Summary;
  readonly bodyBytesPerSnapshot: number;
  readonly worstPeerCompletePercent: number;
  /** The host page's match loop and frames (recent runs), p95. */
  readonly hostLoopP95Ms: number;
  readonly hostFrameP95Ms: number;
  /** The playing pages' frames, p95 (worst page), and snapshots each decoded per second (slowest page). */
  readonly playerFrameP95Ms: number;
  readonly playerSnapshotsPerSecond: number;
  readonly nodeDecodeP50Ms: Summary;
  /** The machine's one-minute load at the end: the pages, the players and the server share two cores. */
  readonly load: number;
}

function bytesOut(state: DebugState): Map<string, number> {
  return new Map(state.links.map((link) => [link.remoteId, link.totals.bytesOut]));
}

/** Plays the game with `chromiumPages` pages (the first hosts) and Node players for the rest, and measures `seconds` of it. */
export async function measureWithPages(chromiumPages: number, seconds: number): Promise<PagesRun> {
  const server = await startLobbyProcess({ ...BENCH_LIMITS });
  const browser = await launchChromium();
  const matches: Match<ArenaState, ArenaFields>[] = [];
  try {
    const startedAt = performance.now();
    const host = await browser.newPage();
    const invite = await hostGame(host, server.origin, 'Host', GEMS_QUERY, { variant: 'large', maxPlayers: PLAYERS });
    const code = invite.split('/join/')[1] ?? '';
    const pages: TestPage[] = [host];
    for (let index = 1; index < chromiumPages; index += 1) {
      const page = await browser.newPage();
      await joinByLink(page, invite, `Page ${index}`);
      pages.push(page);
    }
    for (let index = chromiumPages; index < PLAYERS; index += 1) {
      const name = `Node ${index}`;
      // Each walks a square of its own, so everyone keeps crossing the others' sight.
      const localInput = (): number => packInput([Move.Right, Move.Down, Move.Left, Move.Up][Math.floor((performance.now() - startedAt) / 1_500 + index) % 4] ?? 0, false, 0);
      matches.push(expectOk(await Match.join({ lobby: server.origin.replace(/^http/, 'ws'), name, scheduler: systemScheduler, game: arenaVariants(), localInput, linkFactory: wrtcLinks }, code)));
    }
    const everyone = (state: DebugState): boolean => state.status === 'playing' && state.players.length === PLAYERS && state.links.length === PLAYERS - 1;
    await waitFor('every Node player to play with 16', () => matches.every((match) => match.status === 'playing' && match.roster().length === PLAYERS && match.peerLinks.openLinks().length === PLAYERS - 1), 120_000);
    for (const page of pages) await waitForState(page, 'every page to play with 16', everyone, 60_000);
    const meshMs = performance.now() - startedAt;
    await sleep(2_000);
    const before = await debugState(host);
    const decodedBefore = await Promise.all(pages.slice(1).map(async (page) => (await debugState(page)).snapshotsDecoded ?? 0));
    const windowStart = performance.now();
    await sleep(seconds * 1_000);
    const after = await debugState(host);
    const players = await Promise.all(pages.slice(1).map((page) => debugState(page)));
    const elapsed = (performance.now() - windowStart) / 1_000;
    const sentBefore = bytesOut(before);
    const perPeer = [...bytesOut(after)].map(([peer, bytes]) => ((bytes - (sentBefore.get(peer) ?? bytes)) * 8) / elapsed / 1_000);
    const streamsBefore = new Map(before.snapshotStreams.map((stream) => [stream.peerId, stream]));
    const streams = after.snapshotStreams.map((stream) => {
      const earlier = streamsBefore.get(stream.peerId) ?? { snapshots: 0, complete: 0, bodyBytes: 0 };
      const sent = stream.snapshots - earlier.snapshots;
      return { complete: sent === 0 ? 1 : (stream.complete - earlier.complete) / sent, bodyBytes: sent === 0 ? 0 : (stream.bodyBytes - earlier.bodyBytes) / sent };
    });
    return {
      chromiumPages,
      nodePlayers: PLAYERS - chromiumPages,
      entities: after.entities.length,
      meshMs: Math.round(meshMs),
      hostUploadMbitPerSecond: Math.round(perPeer.reduce((sum, kbit) => sum + kbit, 0) / 10) / 100,
      perPeerKbitPerSecond: summarize(perPeer),
      bodyBytesPerSnapshot: Math.round(summarize(streams.map((stream) => stream.bodyBytes)).median),
      worstPeerCompletePercent: Math.round(Math.min(...streams.map((stream) => stream.complete)) * 1_000) / 10,
      hostLoopP95Ms: after.loopMs?.p95Ms ?? Number.NaN,
      hostFrameP95Ms: after.frameMs?.p95Ms ?? Number.NaN,
      playerFrameP95Ms: Math.max(...players.map((state) => state.frameMs?.p95Ms ?? Number.NaN)),
      playerSnapshotsPerSecond: Math.round((Math.min(...players.map((state, index) => (state.snapshotsDecoded ?? 0) - (decodedBefore[index] ?? 0))) / elapsed) * 10) / 10,
      nodeDecodeP50Ms: summarize(matches.map((match) => match.decodeTimes?.summary().p50Ms ?? Number.NaN)),
      load: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    };
  } finally {
    await Promise.all(matches.map((match) => match.close()));
    await browser.close();
    await server.stop();
  }
}

/** The run as a markdown table, for docs/BENCHMARKS.md. */
export function pagesTable(run: PagesRun): string {
  return [
    '| Chromium pages | Node players | entities | full mesh, ms | host upload, Mbit/s | per peer, kbit/s (median) | body bytes / snapshot | worst peer: complete snapshots | host page loop p95, ms | host page frame p95, ms | player page frame p95, ms | snapshots / s at a player page | Node decode p50, ms | load |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    `| ${run.chromiumPages} | ${run.nodePlayers} | ${run.entities} | ${run.meshMs} | ${run.hostUploadMbitPerSecond} | ${run.perPeerKbitPerSecond.median} | ${run.bodyBytesPerSnapshot} | ${run.worstPeerCompletePercent} % | ${run.hostLoopP95Ms.toFixed(1)} | ${run.hostFrameP95Ms.toFixed(1)} | ${run.playerFrameP95Ms.toFixed(1)} | ${run.playerSnapshotsPerSecond} | ${run.nodeDecodeP50Ms.median} | ${run.load} |`,
  ].join('\n');
}
