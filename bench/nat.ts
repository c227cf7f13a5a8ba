/**
 * How players connect across NATs, and how long a network change interrupts a game, in the NAT lab
 * (tests/support/nat-lab.ts: network namespaces, nftables NATs, the production lobby with its
 * STUN server, Debian's coturn, players on @roamhq/wrtc). A measurement, not a test: it prints two
 * tables and writes bench/out/nat.json. Needs root, iproute2, nftables and coturn (as `npm test`).
 *
 *   npm run bench:nat [-- runs]
 *
 * Connect time: from the guest entering the lobby room to its link to the host being open.
 * Outage: the longest time a player heard nothing on a link after the NAT changed its address.
 * Targets (issue 13): the game goes on for everyone within 2.5 s; the one who moved plays again within 3 s.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { connectPair, labWithServers, MATRIX_HOMES, outage, threePlayerGame, turnsAgain } from '../tests/support/lab-games.js';
import type { LabPlayer } from '../tests/support/lab-players.js';
import { natLabAvailable } from '../tests/support/nat-lab.js';
import { summarize, type Summary } from './stats.js';

const runs = Number(process.argv[2] ?? 5);
/** As in the tests: a pair that cannot connect gives up after this long. */
const CONNECT_BOUND_MS = 6_000;

interface Pair {
  readonly name: string;
  readonly hostHome: string;
  readonly guestHome: string;
  readonly guestMachine?: number;
  readonly turn: boolean;
}

const PAIRS: readonly Pair[] = [
  { name: 'same home', hostHome: 'cone1', guestHome: 'cone1', guestMachine: 1, turn: false },
  { name: 'cone ⇄ cone (defaults: lobby STUN)', hostHome: 'cone1', guestHome: 'cone2', turn: false },
  { name: 'symmetric ⇄ symmetric, no TURN', hostHome: 'sym1', guestHome: 'sym2', turn: false },
  { name: 'symmetric ⇄ symmetric, TURN', hostHome: 'sym1', guestHome: 'sym2', turn: true },
  { name: 'cone ⇄ symmetric, TURN', hostHome: 'cone1', guestHome: 'sym1', turn: true },
  { name: 'UDP blocked ⇄ cone, TURN', hostHome: 'cone2', guestHome: 'tcpOnly', turn: true },
];

const unavailable = await natLabAvailable();
if (unavailable) {
  console.error(`bench:nat: ${unavailable}`);
  process.exit(1);
}

const setUp = await labWithServers({ ...MATRIX_HOMES, moverHome: { nat: 'cone', hosts: 1 } });
const players: LabPlayer[] = [];
const stopAll = (): Promise<unknown> => Promise.all(players.splice(0).map((player) => player.stop()));
try {
  const connectRows: { pair: string; connected: string; path: string; connectMs: Summary }[] = [];
  for (const pair of PAIRS) {
    const times: number[] = [];
    const paths = new Set<string>();
    let connected = 0;
    for (let run = 0; run < runs; run += 1) {
      const { lab, plainLobby, turnLobby } = setUp;
      const hostAt = lab.hostNamespace(pair.hostHome);
      const guestAt = lab.hostNamespace(pair.guestHome, pair.guestMachine ?? 0);
      const { outcome, connectMs } = await connectPair(lab, players, hostAt, guestAt, pair.turn ? turnLobby : plainLobby, CONNECT_BOUND_MS);
      times.push(connectMs);
      if (outcome.event === 'linked') {
        connected += 1;
        paths.add(`${outcome.local}/${outcome.remote}${outcome.relayProtocol ? ` (${outcome.relayProtocol})` : ''}`);
      }
      await stopAll();
    }
    connectRows.push({ pair: pair.name, connected: `${connected}/${runs}`, path: [...paths].join(', ') || '–', connectMs: summarize(times) });
  }
  console.log('\nConnect time per NAT pair (guest entered the room → link open; failures: until given up)');
  console.table(connectRows.map(({ connectMs, ...row }) => ({ ...row, 'median ms': connectMs.median, 'p95 ms': connectMs.p95, 'max ms': connectMs.max })));

  /**
   * others: how long the players whose network did not change heard nothing from the host (the
   * game stopped for them); moved: how long the one who moved heard nothing from the others;
   * turnedAgain: when the others saw a player turn around again (inputs flowing end to end);
   * reigns: host changes seen (0 when the game carried on without a migration).
   */
  const changes: Record<'guest' | 'host', { others: number[]; moved: number[]; turnedAgain: number[]; reigns: number[] }> = {
    guest: { others: [], moved: [], turnedAgain: [], reigns: [] },
    host: { others: [], moved: [], turnedAgain: [], reigns: [] },
  };
  for (const who of ['guest', 'host'] as const) {
    for (let run = 0; run < runs; run += 1) {
      const homes = ['cone1', 'moverHome', 'cone2'] as const;
      const game = await threePlayerGame(setUp.lab, players, setUp.plainLobby, homes);
      const { host, mover, stayer, hostId, moverId, stayerId } = game;
      const changedAt = performance.now();
      await setUp.lab.changePublicAddress(who === 'guest' ? 'moverHome' : 'cone1');
      if (who === 'guest') {
        const turned = await turnsAgain(host, moverId, changedAt + 200, 15_000);
        await turnsAgain(stayer, moverId, changedAt + 200, 15_000);
        changes.guest.moved.push(outage(mover, hostId, changedAt));
        changes.guest.others.push(outage(stayer, hostId, changedAt));
        changes.guest.turnedAgain.push(Math.round(turned - changedAt));
      } else {
        const turned = await turnsAgain(mover, stayerId, changedAt + 200, 15_000);
        await turnsAgain(stayer, moverId, changedAt + 200, 15_000);
        changes.host.moved.push(outage(host, moverId, changedAt), outage(host, stayerId, changedAt));
        changes.host.others.push(outage(mover, hostId, changedAt), outage(stayer, hostId, changedAt));
        changes.host.turnedAgain.push(Math.round(turned - changedAt));
      }
      const epochs = new Set([host, mover, stayer].flatMap((player) => player.states(changedAt).map(({ state }) => `${state.host ?? ''}@${state.epoch}`)));
      changes[who].reigns.push(epochs.size - 1);
      await stopAll();
    }
  }
  const outageRows = (['guest', 'host'] as const).map((who) => {
    const { others, moved, turnedAgain, reigns } = changes[who];
    const [o, m, t] = [summarize(others), summarize(moved), summarize(turnedAgain)];
    return {
      'whose network changed': who,
      'others: host silent (median/max ms)': `${o.median} / ${o.max}`,
      'mover: others silent (median/max ms)': `${m.median} / ${m.max}`,
      'seen turning again (median/max ms)': `${t.median} / ${t.max}`,
      'host changes': reigns.reduce((sum, count) => sum + count, 0),
    };
  });
  console.log(`\nA NAT changes its public address mid-game (3 players, ${runs} runs each; targets: others 2.5 s, mover 3 s)`);
  console.table(outageRows);
  await mkdir('bench/out', { recursive: true });
  await writeFile('bench/out/nat.json', `${JSON.stringify({ runs, connect: connectRows, networkChange: changes }, null, 2)}\n`);
  console.log('wrote bench/out/nat.json');
} finally {
  await stopAll();
  await setUp.lab.tearDown();
}
