import type { DebugState } from '../../src/view/debug-hook.js';
import { launchCdpChromium, type CdpTab } from './browsers/cdp-chromium.js';
import { startLobbyProcess } from './lobby-process.js';
import { readUntil } from './wait.js';
import { startXvfb } from './xvfb.js';

/** One window of time with the host's tab in the background. */
export interface BackgroundSample {
  readonly hiddenForSeconds: number;
  /** The host page's `document.visibilityState` at the end of the window. */
  readonly visibility: string;
  /** Snapshots the other player's page decoded a second in this window. */
  readonly snapshotsPerSecond: number;
  /** The host page still hosts, in the same reign the other page follows. */
  readonly hostStillHosts: boolean;
}

export interface BackgroundHostRun {
  readonly visibleSnapshotsPerSecond: number;
  readonly samples: readonly BackgroundSample[];
  /** How often a 10 ms timer of the host page ran while hidden: Chrome's throttling, measured. */
  readonly pageTimerRunsPerSecondHidden: number;
  readonly hiddenSeconds: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function state(tab: CdpTab): Promise<DebugState> {
  return tab.evaluate<DebugState>('window.__hostmesh.state()');
}

/** Until `check` holds; a check that fails (the page between documents) counts as not yet. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  await readUntil(what, () => check().catch(() => false), (done) => done, 30_000);
}

/** Types a name on the start page (or an invitation) and presses its button. */
async function enter(tab: CdpTab, name: string): Promise<void> {
  await until('the start page', () => tab.evaluate<boolean>("document.querySelector('#submit') !== null"));
  await tab.evaluate(`(() => { const input = document.querySelector('#name'); input.value = ${JSON.stringify(name)}; input.dispatchEvent(new Event('input')); document.querySelector('#submit').click(); })()`);
}

/** Snapshots `client` decodes a second over `seconds`. */
async function snapshotRate(client: CdpTab, seconds: number): Promise<number> {
  const before = (await state(client)).snapshotsDecoded ?? 0;
  await sleep(seconds * 1_000);
  return Math.round(((((await state(client)).snapshotsDecoded ?? 0) - before) / seconds) * 10) / 10;
}

/**
 * Two players of Tag on the production server in Chromium with windows (on an Xvfb display of
 * our own); then the host's tab is covered by a new tab in its window, as when its player opens
 * another tab, and stays in the background for `hiddenSeconds`, measured in windows of
 * `windowSeconds`. Everything started here is stopped before it returns.
 */
export async function playWithHostInBackground(hiddenSeconds: number, windowSeconds: number, onSample: (sample: BackgroundSample) => void = () => undefined): Promise<BackgroundHostRun> {
  const xvfb = await startXvfb();
  const server = await startLobbyProcess({ GAME: 'tag' });
  const browser = await launchCdpChromium(xvfb.display).catch(async (error: unknown) => {
    await Promise.all([server.stop(), xvfb.stop()]);
    throw error;
  });
  try {
    const host = browser.firstTab;
    await host.navigate(`${server.origin}/`);
    await enter(host, 'Ann');
    await until('the invite link', () => host.evaluate<boolean>("(document.querySelector('#invite-link')?.value ?? '') !== ''"));
    const client = await browser.openWindow(await host.evaluate<string>("document.querySelector('#invite-link').value"));
    await enter(client, 'Ben');
    await until('both players drawn on both pages', async () => (await state(host)).drawnPlayers === 2 && (await state(client)).drawnPlayers === 2);
    const reign = (await state(client)).host;
    await host.evaluate('(() => { window.__timerRuns = 0; setInterval(() => { window.__timerRuns += 1; }, 10); })()');
    await sleep(1_000);
    const visibleSnapshotsPerSecond = await snapshotRate(client, windowSeconds);

    await browser.coverWithNewTab(host);
    await until("the host's tab in the background", async () => (await host.evaluate<string>('document.visibilityState')) === 'hidden');
    const timerRunsBefore = await host.evaluate<number>('window.__timerRuns');
    const hiddenAt = Date.now();
    const samples: BackgroundSample[] = [];
    while (Date.now() - hiddenAt < hiddenSeconds * 1_000) {
      const snapshotsPerSecond = await snapshotRate(client, windowSeconds);
      const followed = (await state(client)).host;
      const sample: BackgroundSample = {
        hiddenForSeconds: Math.round((Date.now() - hiddenAt) / 1_000),
        visibility: await host.evaluate<string>('document.visibilityState'),
        snapshotsPerSecond,
        hostStillHosts: (await state(host)).role === 'host' && followed?.id === reign?.id && followed?.epoch === reign?.epoch,
      };
      samples.push(sample);
      onSample(sample);
    }
    const timerRuns = (await host.evaluate<number>('window.__timerRuns')) - timerRunsBefore;
    const hiddenFor = (Date.now() - hiddenAt) / 1_000;
    return { visibleSnapshotsPerSecond, samples, pageTimerRunsPerSecondHidden: Math.round((timerRuns / hiddenFor) * 100) / 100, hiddenSeconds: Math.round(hiddenFor) };
  } finally {
    await browser.close();
    await server.stop();
    await xvfb.stop();
  }
}
