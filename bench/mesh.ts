/**
 * Link-layer measurements over real WebRTC in Node (@roamhq/wrtc), all on loopback: time to an
 * 8-peer full mesh through the real lobby, RTT on its links, how fast a clean leave and a killed
 * peer process are noticed, and relay-only connect time through a real coturn. A measurement,
 * not a test: it prints a table and writes bench/out/mesh.json.
 *
 *   npm run bench:mesh [-- runs]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { mintTurnCredentials } from '../server/turn-credentials.js';
import { startCoturn } from '../tests/support/coturn.js';
import { joinFullMesh } from '../tests/support/full-mesh.js';
import { startTestLobby } from '../tests/support/in-process-lobby.js';
import { spawnPeerProcess } from '../tests/support/spawn-peer.js';
import { waitFor } from '../tests/support/wait.js';
import { wrtcPair } from '../tests/support/wrtc-pair.js';
import { summarize, type Summary } from './stats.js';

const MESH_SIZE = 8;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Mesh time, RTT samples (after the links settle) and clean-leave detection times. */
async function meshRuns(runs: number): Promise<{ meshMs: number[]; rttMs: number[]; leaveMs: number[] }> {
  const lobby = await startTestLobby();
  const result = { meshMs: [] as number[], rttMs: [] as number[], leaveMs: [] as number[] };
  try {
    for (let run = 0; run < runs; run += 1) {
      const mesh = await joinFullMesh(lobby.url, MESH_SIZE);
      result.meshMs.push(mesh.msToFullMesh);
      await sleep(2_000);
      for (const member of mesh.members) {
        for (const stats of member.mesh.stats()) if (stats.rttMs !== undefined) result.rttMs.push(stats.rttMs);
      }
      const [leaver, ...stayers] = mesh.members;
      let seen = 0;
      let leftAt = 0;
      for (const stayer of stayers) {
        stayer.mesh.events.on('link-closed', ({ remoteId }) => {
          if (remoteId !== leaver?.session.selfId) return;
          result.leaveMs.push(performance.now() - leftAt);
          seen += 1;
        });
      }
      leftAt = performance.now();
      leaver?.mesh.close();
      await waitFor('every peer to see the leave', () => seen === stayers.length);
      await mesh.close();
    }
  } finally {
    await lobby.close();
  }
  return result;
}

/** Time from SIGKILL of a peer process until its link is declared gone (default liveness settings). */
async function killedPeerRuns(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const peer = spawnPeerProcess();
    await peer.opened;
    await waitFor('a pong', () => peer.link.stats().rttMs !== undefined);
    let goneAt = 0;
    peer.link.events.on('close', () => (goneAt = performance.now()));
    const killedAt = performance.now();
    peer.kill();
    await waitFor('the peer to be declared gone', () => goneAt > 0);
    times.push(goneAt - killedAt);
  }
  return times;
}

/** Relay-only connect time through coturn with lobby-minted credentials. */
async function relayRuns(runs: number): Promise<number[]> {
  const turn = await startCoturn();
  const times: number[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const server = mintTurnCredentials({ secret: turn.secret, urls: [turn.url], userId: `bench-${run}`, ttlSeconds: 600, nowSeconds: Date.now() / 1000 });
      const started = performance.now();
      const [a, b] = wrtcPair({ iceTransportPolicy: 'relay', iceServers: [server] });
      await waitFor('the relayed link', () => a.state === 'open' && b.state === 'open');
      times.push(performance.now() - started);
      const pair = await a.selectedCandidatePair();
      if (pair?.local !== 'relay') throw new Error(`expected a relay pair, got ${JSON.stringify(pair)}`);
      a.close();
      b.close();
    }
  } finally {
    await turn.stop();
  }
  return times;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const mesh = await meshRuns(runs);
  const killed = await killedPeerRuns(Math.min(runs, 3));
  const relay = await relayRuns(runs);
  const table: Record<string, Summary> = {
    [`${MESH_SIZE}-peer full mesh (ms)`]: summarize(mesh.meshMs),
    'RTT on mesh links (ms)': summarize(mesh.rttMs),
    'clean leave seen by others (ms)': summarize(mesh.leaveMs),
    'killed process declared gone (ms)': summarize(killed),
    'relay-only connect via coturn (ms)': summarize(relay),
  };
  console.table(table);
  await mkdir('bench/out', { recursive: true });
  const raw = { ...mesh, killedMs: killed, relayMs: relay };
  await writeFile('bench/out/mesh.json', `${JSON.stringify({ summary: table, raw }, null, 2)}\n`);
}

await main();
