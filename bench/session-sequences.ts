/**
 * How long the session sequences of tests/e2e/session-sequences.test.ts take, in real headless
 * Chromium against the production server: a guest's reload in a 3-player game until it plays
 * again in its slot; a join 3 s after another player closed the tab until the newcomer draws
 * everyone; and, to compare, the same join into a game nobody left. Each run uses fresh games and
 * pages. A measurement, not a test: it prints a table and writes bench/out/session-sequences.json.
 *
 *   npm run bench:sequences [-- runs]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { launchChromium } from '../tests/support/browsers/chromium.js';
import type { TestBrowser, TestPage } from '../tests/support/browsers/test-page.js';
import { debugState } from '../tests/support/game-page.js';
import { BENCH_LIMITS, startLobbyProcess } from '../tests/support/lobby-process.js';
import { closeTab, drawn, joinUntilEveryoneDrawn, pageOf, reloadUntilBack, startGame, type RunningGame } from '../tests/support/session-steps.js';
import { summarize } from './stats.js';

/** What a tab closed this long before the join: the "3 s later". */
const CLOSED_BEFORE_JOIN_MS = 3_000;

interface Run {
  readonly run: number;
  readonly reloadMs: number;
  /** The reloaded page came back in the slot it had (it must; the test asserts it). */
  readonly reloadSameSlot: boolean;
  readonly joinAfterCloseMs: number;
  readonly joinNobodyLeftMs: number;
}

/** Runs `sequence` on a fresh game and closes every page it opened, whatever happens. */
async function withGame<T>(browser: TestBrowser, origin: string, host: string, guests: readonly string[], sequence: (game: RunningGame, open: () => Promise<TestPage>) => Promise<T>): Promise<T> {
  const opened: TestPage[] = [];
  const open = async (): Promise<TestPage> => {
    const page = await browser.newPage();
    opened.push(page);
    return page;
  };
  try {
    return await sequence(await startGame(open, origin, host, guests), open);
  } finally {
    for (const page of opened) await page.close();
  }
}

async function oneRun(browser: TestBrowser, origin: string, run: number): Promise<Run> {
  const reload = await withGame(browser, origin, 'Ann', ['Ava', 'Bo'], async (game) => {
    const slot = drawn(await debugState(pageOf(game, 'Ann')), 'Ava')?.slot;
    const back = await reloadUntilBack(pageOf(game, 'Ava'), origin, 3);
    return { ms: back.ms, sameSlot: slot !== undefined && drawn(back.state, 'Ava')?.slot === slot };
  });
  const joinAfterCloseMs = await withGame(browser, origin, 'Ann', ['Ava', 'Bo'], async (game, open) => {
    const closedAt = performance.now();
    await closeTab(game, 'Bo');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, closedAt + CLOSED_BEFORE_JOIN_MS - performance.now())));
    return joinUntilEveryoneDrawn(game, 'Cy', await open());
  });
  const joinNobodyLeftMs = await withGame(browser, origin, 'Hal', ['Ivy'], async (game, open) => joinUntilEveryoneDrawn(game, 'Dee', await open()));
  return { run, reloadMs: Math.round(reload.ms), reloadSameSlot: reload.sameSlot, joinAfterCloseMs: Math.round(joinAfterCloseMs), joinNobodyLeftMs: Math.round(joinNobodyLeftMs) };
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive integer, not ${process.argv[2]}`);
  // One address creates every game and makes every join here: lift the per-address limits.
  const server = await startLobbyProcess(BENCH_LIMITS);
  const browser = await launchChromium();
  const rows: Run[] = [];
  const loadBefore = loadavg()[0] ?? Number.NaN;
  try {
    for (let run = 1; run <= runs; run += 1) rows.push(await oneRun(browser, server.origin, run));
  } finally {
    await browser.close();
    await server.stop();
  }
  const loadAfter = loadavg()[0] ?? Number.NaN;
  const summary = {
    'reload → playing in its slot (ms)': summarize(rows.map((row) => row.reloadMs)),
    'join 3 s after a tab closed → everyone drawn (ms)': summarize(rows.map((row) => row.joinAfterCloseMs)),
    'join, nobody left → everyone drawn (ms)': summarize(rows.map((row) => row.joinNobodyLeftMs)),
  };
  console.table(rows);
  console.table(summary);
  const machine = { cores: cpus().length, loadAverage1mBefore: loadBefore, loadAverage1mAfter: loadAfter };
  console.log(`${machine.cores} cores; 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);
  await mkdir('bench/out', { recursive: true });
  await writeFile('bench/out/session-sequences.json', `${JSON.stringify({ machine, summary, runs: rows }, null, 2)}\n`);
}

await main();
