import { describe, expect, it } from 'vitest';
import type { TestPage } from '../support/browsers/test-page.js';
import { playWithHostInBackground } from '../support/background-tab.js';
import { useChromiumSuite } from '../support/chromium-suite.js';
import { debugState, hostGame, joinByLink, waitForState } from '../support/game-page.js';

/**
 * What Chrome does to a page in a background tab, emulated in the page (headless Chromium shows
 * every page as visible): `visibilityState` is hidden, animation frames stop, and timers fire at
 * most once a second, on the second. A worker's timers, and messages from it, are not throttled,
 * as in Chrome. `window.__background(true)` sends the page to the background.
 */
const EMULATE_BACKGROUND = `(() => {
  const native = { setTimeout: window.setTimeout.bind(window), clearTimeout: window.clearTimeout.bind(window), raf: window.requestAnimationFrame.bind(window) };
  let hidden = false;
  const throttled = (delay) => (hidden ? Math.max(Number(delay) || 0, 1000 - (performance.now() % 1000)) : Number(delay) || 0);
  window.setTimeout = (task, delay, ...args) => native.setTimeout(task, throttled(delay), ...args);
  const intervals = new Map();
  let nextInterval = 1;
  window.setInterval = (task, delay, ...args) => {
    const id = -(nextInterval++);
    const run = () => { intervals.set(id, native.setTimeout(run, throttled(delay))); task(...args); };
    intervals.set(id, native.setTimeout(run, throttled(delay)));
    return id;
  };
  window.clearInterval = (id) => { native.clearTimeout(intervals.get(id)); intervals.delete(id); };
  window.requestAnimationFrame = (callback) => (hidden ? 0 : native.raf(callback));
  Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible'), configurable: true });
  Object.defineProperty(document, 'hidden', { get: () => hidden, configurable: true });
  window.__timerRuns = 0;
  window.setInterval(() => { window.__timerRuns += 1; }, 10);
  window.__background = (on) => { hidden = on; document.dispatchEvent(new Event('visibilitychange')); };
})();`;

/** Snapshots `client` decodes per second over `ms`. */
async function snapshotRate(client: TestPage, ms: number): Promise<number> {
  const before = (await debugState(client)).snapshotsDecoded ?? 0;
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (((await debugState(client)).snapshotsDecoded ?? 0) - before) / (ms / 1_000);
}

describe('a host in a background tab keeps hosting (Chromium, emulated background)', () => {
  const suite = useChromiumSuite({ GAME: 'tag' });

  it('keeps sending snapshots, at least half as many a second as while visible, and stays the host', async () => {
    const host = await suite.open();
    await host.addInitScript(EMULATE_BACKGROUND);
    const client = await suite.open();
    const invite = await hostGame(host, suite.origin(), 'Ann');
    await joinByLink(client, invite, 'Ben');
    for (const page of [host, client]) await waitForState(page, 'both players drawn', (state) => state.drawnPlayers === 2);
    const reign = (await debugState(client)).host;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const visible = await snapshotRate(client, 3_000);

    await host.evaluate('window.__background(true)');
    const timerRunsBefore = await host.evaluate<number>('window.__timerRuns');
    // Past the grace after which a host that cannot keep time hands over.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const hidden = await snapshotRate(client, 3_000);
    const timerRuns = (await host.evaluate<number>('window.__timerRuns')) - timerRunsBefore;
    console.log(`snapshots a second from the host: visible ${visible.toFixed(1)}, in the background ${hidden.toFixed(1)}; a 10 ms page timer ran ${timerRuns} times in 4.5 s in the background`);

    // The emulation throttles: a page timer ran about once a second, not 100 times.
    expect(timerRuns).toBeLessThanOrEqual(8);
    expect(hidden).toBeGreaterThanOrEqual(visible / 2);
    expect((await debugState(host)).role).toBe('host');
    expect((await debugState(client)).host).toEqual(reign);

    await host.evaluate('window.__background(false)');
    await waitForState(client, 'the game to go on', (state) => state.status === 'playing' && state.drawnPlayers === 2);
    expect([...host.errors(), ...client.errors()]).toEqual([]);
    await client.close();
    await host.close();
  });
});

/**
 * The same in a real background tab: Chromium with windows on an Xvfb display, the host's tab
 * covered by a new tab in its window. Chromium itself throttles the page's timers then (checked:
 * a 10 ms timer of the page runs once or twice a second); the match's loop keeps its pace.
 */
describe('a host in a real background tab keeps hosting (Chromium with windows, Xvfb)', () => {
  it('keeps sending snapshots while Chromium throttles the page, at least half as many a second as while visible, and stays the host', async () => {
    const run = await playWithHostInBackground(10, 5);
    const rates = run.samples.map((sample) => sample.snapshotsPerSecond);
    console.log(`a host in a real background tab: visible ${run.visibleSnapshotsPerSecond} snapshots/s, hidden ${rates.join(', ')}; the page's 10 ms timer ran ${run.pageTimerRunsPerSecondHidden} times a second hidden`);
    expect(run.samples.map((sample) => sample.visibility)).toEqual(run.samples.map(() => 'hidden'));
    // Throttled: about once or twice a second, where it runs 100 times a second visible.
    expect(run.pageTimerRunsPerSecondHidden).toBeLessThanOrEqual(10);
    for (const rate of rates) expect(rate).toBeGreaterThanOrEqual(run.visibleSnapshotsPerSecond / 2);
    expect(run.samples.every((sample) => sample.hostStillHosts)).toBe(true);
  }, 120_000);
});
