/**
 * Load on the lobby over loopback: N simulated clients in M rooms create and join (measured as
 * create+join per second), then every client relays signals to a room-mate for a while (relay
 * latency p50/p99), with the servers' memory before, at peak and after everyone left. With
 * `--processes 2` two lobby processes share a real redis-server and clients alternate between
 * them. `--seconds` sets the signaling phase (a 10-minute soak: `--seconds 600`). A measurement,
 * not a test.
 *
 *   npm run load:lobby -- [--clients 1000] [--rooms 250] [--processes 1|2] [--seconds 10] [--rate 2]
 */
import { parseArgs } from 'node:util';
import { LobbySession } from '../src/net/lobby-client.js';
import { startLobbyProcess, startScaledLobby, type LobbyProcess } from '../tests/support/lobby-process.js';
import { startRedis, type RedisProcess } from '../tests/support/redis-process.js';
import { cpuSeconds, inPool, percentile, rssMiB } from './load-stats.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    rooms: { type: 'string', default: '250' },
    processes: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '2' },
  },
});
const CLIENTS = Number(values.clients);
const ROOMS = Number(values.rooms);
const PROCESSES = Number(values.processes);
const SECONDS = Number(values.seconds);
const SIGNALS_PER_CLIENT_PER_SECOND = Number(values.rate);
/** The load generator is one simulated user each; the limits are for the open internet, not for it. */
const UNLIMITED = {
  MESSAGE_RATE: '100000:100000',
  CREATE_RATE: '100000:100000',
  JOIN_RATE: '100000:100000',
  ROOMS_PER_ADDRESS: '100000',
  RESERVATIONS_PER_ADDRESS: '100000',
  SOCKETS_PER_ADDRESS: '100000',
  LOG_LEVEL: 'warn',
};
const IN_FLIGHT = 64;
const SLICE_MS = 5;
const WINDOW_SECONDS = 60;

async function startServers(): Promise<{ lobbies: LobbyProcess[]; redis: RedisProcess | undefined }> {
  if (PROCESSES === 1) return { lobbies: [await startLobbyProcess(UNLIMITED)], redis: undefined };
  const redis = await startRedis();
  const lobbies = await Promise.all(Array.from({ length: PROCESSES }, () => startScaledLobby(redis.url, UNLIMITED)));
  return { lobbies, redis };
}

const memory = async (lobbies: readonly LobbyProcess[]): Promise<number[]> => Promise.all(lobbies.map((lobby) => rssMiB(lobby.pid)));
const cpu = async (lobbies: readonly LobbyProcess[]): Promise<number[]> => Promise.all(lobbies.map((lobby) => cpuSeconds(lobby.pid)));
const minus = (later: readonly number[], earlier: readonly number[]): number[] =>
  later.map((value, index) => Math.round((value - (earlier[index] ?? 0)) * 100) / 100);
const must = <T>(result: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!result.ok) throw new Error(result.reason);
  return result.value;
};

async function main(): Promise<void> {
  const { lobbies, redis } = await startServers();
  const endpoints = lobbies.map((lobby) => lobby.origin.replace(/^http/, 'ws'));
  const endpointFor = (index: number): string => endpoints[index % endpoints.length] ?? '';
  const sessions: LobbySession[] = [];
  try {
    const before = await memory(lobbies);
    const perRoom = Math.max(2, Math.round(CLIENTS / ROOMS));
    const cpuAtStart = await cpu(lobbies);
    const started = performance.now();
    await inPool(Array.from({ length: ROOMS }, (_, room) => room), IN_FLIGHT, async (room) => {
      const host = must(await LobbySession.host(endpointFor(room), `H${room}`, { maxPlayers: Math.min(8, perRoom) }));
      sessions.push(host);
      for (let member = 1; member < perRoom; member += 1) {
        sessions.push(must(await LobbySession.join(endpointFor(room + member), host.welcome.code, `P${room}-${member}`)));
      }
    });
    const entrySeconds = (performance.now() - started) / 1000;
    const entries = sessions.length;
    const cpuAfterEntry = await cpu(lobbies);

    const latencies: number[] = [];
    for (const session of sessions) {
      session.events.on('signal', ({ data }) => latencies.push(performance.now() - Number(data)));
    }
    const peers = sessions.map((session) => [...session.members.keys()][0] ?? session.selfId);
    // Spread the sends over the period (as real handshakes are), so the numbers measure the relay
    // rather than this one process sending 1,000 messages in a single burst.
    const periodMs = 1000 / SIGNALS_PER_CLIENT_PER_SECOND;
    const slices = Math.max(1, Math.floor(periodMs / SLICE_MS));
    let tick = 0;
    let sent = 0;
    let refused = 0;
    for (const session of sessions) session.events.on('lobby-error', () => (refused += 1));
    const timer = setInterval(() => {
      const slice = tick % slices;
      tick += 1;
      for (let index = slice; index < sessions.length; index += slices) {
        sessions[index]?.sendSignal(peers[index] ?? '', String(performance.now()));
        sent += 1;
      }
    }, SLICE_MS);
    // Long runs (a soak) print a line per minute: memory and relay latency should stay flat.
    for (let elapsed = 0; elapsed < SECONDS; elapsed += WINDOW_SECONDS) {
      const windowStart = latencies.length;
      await new Promise((resolve) => setTimeout(resolve, Math.min(WINDOW_SECONDS, SECONDS - elapsed) * 1000));
      if (SECONDS <= WINDOW_SECONDS) continue;
      const window = latencies.slice(windowStart);
      const p99 = Math.round(percentile(window, 0.99) * 100) / 100;
      console.log(JSON.stringify({ minute: elapsed / WINDOW_SECONDS + 1, relayed: window.length, relayP99Ms: p99, rssMiB: await memory(lobbies) }));
    }
    clearInterval(timer);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const peak = await memory(lobbies);
    const cpuAfterSignals = await cpu(lobbies);
    await inPool(sessions.splice(0), IN_FLIGHT, (session) => session.leave());
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = await memory(lobbies);

    const result = {
      processes: PROCESSES,
      clients: entries,
      rooms: ROOMS,
      createJoinPerSecond: Math.round(entries / entrySeconds),
      serverCpuSecondsForEntries: minus(cpuAfterEntry, cpuAtStart),
      entrySeconds: Math.round(entrySeconds * 100) / 100,
      signalsSent: sent,
      signalsRelayed: latencies.length,
      signalsRefused: refused,
      relayP50Ms: Math.round(percentile(latencies, 0.5) * 100) / 100,
      relayP99Ms: Math.round(percentile(latencies, 0.99) * 100) / 100,
      serverCpuSecondsForSignals: minus(cpuAfterSignals, cpuAfterEntry),
      signalSeconds: SECONDS,
      rssMiBBefore: before,
      rssMiBWithClients: peak,
      rssMiBAfter: after,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await Promise.all(sessions.map((session) => session.leave()));
    await Promise.all(lobbies.map((lobby) => lobby.stop()));
    await redis?.stop();
  }
}

await main();
