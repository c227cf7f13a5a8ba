/**
 * Connect time per browser pairing: from the guest entering the lobby room to its peer link
 * with the host being open (offer, answer, ICE, DTLS, SCTP), in real headless browsers against
 * the production server, once over host candidates and once relay-only through a real coturn on
 * loopback (credentials minted by the lobby). Prints a table and writes
 * bench/out/browser-pairs.json.
 *
 *   npm run bench:browsers [-- runs]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { launchBrowser } from '../tests/support/browsers/launch.js';
import type { BrowserName, TestBrowser } from '../tests/support/browsers/test-page.js';
import { hostGame, joinByLink, waitForState } from '../tests/support/game-page.js';
import { startCoturn } from '../tests/support/coturn.js';
import { BENCH_LIMITS, startLobbyProcess } from '../tests/support/lobby-process.js';

const PAIRINGS: readonly (readonly [BrowserName, BrowserName])[] = [
  ['chromium', 'chromium'],
  ['firefox', 'chromium'],
  ['chromium', 'firefox'],
  ['firefox', 'firefox'],
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const coturn = await startCoturn();
  // One address creates every game here: lift the per-address creation limit for the benchmark.
  const server = await startLobbyProcess({ TURN_SECRET: coturn.secret, TURN_URLS: coturn.url, ...BENCH_LIMITS });
  const browsers = new Map<BrowserName, TestBrowser>();
  const rows: { path: string; host: BrowserName; guest: BrowserName; medianConnectMs: number; samples: number[] }[] = [];
  try {
    for (const name of ['chromium', 'firefox'] as const) browsers.set(name, await launchBrowser(name));
    for (const [path, query] of [['host candidates', ''], ['relay only', '?ice=relay']] as const) {
      for (const [hostName, guestName] of PAIRINGS) {
        const samples: number[] = [];
        for (let run = 0; run < runs; run += 1) {
          const hostBrowser = browsers.get(hostName);
          const guestBrowser = browsers.get(guestName);
          if (!hostBrowser || !guestBrowser) throw new Error('browser missing');
          const host = await hostBrowser.newPage();
          const guest = await guestBrowser.newPage();
          const invite = await hostGame(host, server.origin, 'Host', query);
          await joinByLink(guest, `${invite}${query}`, 'Guest');
          const state = await waitForState(guest, 'the host link', (s) => s.connectMs !== undefined);
          samples.push(Math.round(state.connectMs ?? Number.NaN));
          await guest.close();
          await host.close();
        }
        rows.push({ path, host: hostName, guest: guestName, medianConnectMs: median(samples), samples });
      }
    }
  } finally {
    for (const browser of browsers.values()) await browser.close();
    await server.stop();
    await coturn.stop();
  }
  console.table(rows.map(({ path, host, guest, medianConnectMs, samples }) => ({ path, host, guest, medianConnectMs, samples: samples.join(' ') })));
  await mkdir('bench/out', { recursive: true });
  await writeFile('bench/out/browser-pairs.json', `${JSON.stringify(rows, null, 2)}\n`);
}

await main();
