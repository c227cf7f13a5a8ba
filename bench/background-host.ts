/**
 * A host in a real background tab: Chromium with windows (on an Xvfb display of its own; Debian
 * package xvfb), Tag on the production server, the host's tab covered by a new tab in its window.
 * Chromium then throttles the host page's timers (a 10 ms timer of the page's own shows how much)
 * while a worker paces the match's loop. Prints, per 10 s, the snapshots a second the other
 * player's page decodes and whether the host still hosts; writes bench/out/background-host.json.
 *
 *   npm run bench:background [-- hidden-seconds]     (default 60; Chrome throttles harder after 5 minutes hidden: try 420)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { playWithHostInBackground } from '../tests/support/background-tab.js';

const hiddenSeconds = Number(process.argv[2] ?? 60);
const run = await playWithHostInBackground(hiddenSeconds, 10, (sample) => {
  process.stdout.write(`hidden ${sample.hiddenForSeconds} s (${sample.visibility}): ${sample.snapshotsPerSecond} snapshots/s, the host still hosts: ${String(sample.hostStillHosts)}\n`);
});
const rates = run.samples.map((sample) => sample.snapshotsPerSecond);
const stillHosts = run.samples.every((sample) => sample.hostStillHosts) ? 'yes' : 'no';
process.stdout.write(
  [
    '',
    '| host tab | seconds | snapshots / s at the other page | the host page\'s own 10 ms timer, runs / s | still the host |',
    '|---|---|---|---|---|',
    `| visible | 10 | ${run.visibleSnapshotsPerSecond} | (100) | yes |`,
    `| background | ${run.hiddenSeconds} | ${Math.min(...rates)}–${Math.max(...rates)} | ${run.pageTimerRunsPerSecondHidden} | ${stillHosts} |`,
    '',
  ].join('\n'),
);
await mkdir('bench/out', { recursive: true });
await writeFile('bench/out/background-host.json', `${JSON.stringify(run, null, 2)}\n`);
process.exit(0);
