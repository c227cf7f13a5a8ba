import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildNatLab, natLabAvailable, type NatLab } from '../support/nat-lab.js';
import { outage, threePlayerGame, turnsAgain } from '../support/lab-games.js';
import type { LabPlayer } from '../support/lab-players.js';
import { startLabLobby } from '../support/lab-servers.js';
import { present } from '../support/wait.js';

/**
 * A player's network changes mid-game (a phone leaving Wi-Fi, an ISP renumbering a line): their
 * home's NAT gets a new public address, so every mapping through it, peer links and the lobby's
 * WebSocket alike, dies at once. The links must restart ICE and carry on: no host migration, the
 * same slots, the player moving again. Outages are printed; `npm run bench:nat` measures them
 * against their targets (no wall-clock bounds here).
 */
const unavailable = await natLabAvailable();
if (unavailable) console.warn(`NAT lab skipped: ${unavailable}`);

/** Long enough for restarts to be retried a few times (a link is given up after 5 s of silence). */
const RECOVERY_MS = 12_000;
const HOMES = ['hostHome', 'moverHome', 'stayerHome'] as const;

describe.skipIf(unavailable !== undefined)('a network change mid-game (lab: the NAT gets a new public address)', () => {
  let lab: NatLab | undefined;
  let lobby = '';
  const players: LabPlayer[] = [];

  beforeAll(async () => {
    lab = await buildNatLab(Object.fromEntries(HOMES.map((home) => [home, { nat: 'cone', hosts: 1 }])));
    lobby = await startLabLobby(lab, 8080);
  });
  afterEach(async () => {
    await Promise.all(players.splice(0).map((player) => player.stop()));
  });
  afterAll(async () => {
    await lab?.tearDown();
  });

  /** Who hosts, in which reign, and who plays in which slot, as `player` sees it now. */
  async function gameAsSeenBy(player: LabPlayer) {
    const { host, epoch, status, players: drawn } = await player.latestState();
    return { host, epoch, status, slots: drawn.map(({ slot, peerId }) => `${slot}:${peerId}`).sort() };
  }

  it.each([
    ['a guest whose network changes keeps its seat: its links restart ICE, nobody migrates', 'moverHome'],
    ['a host whose network changes stays the host: the others wait for its restart, nobody migrates', 'hostHome'],
  ] as const)('%s', async (_, changingHome) => {
    const built = present(lab, 'the lab');
    const { host, mover, stayer, hostId, moverId, stayerId } = await threePlayerGame(built, players, lobby, HOMES);
    const before = await gameAsSeenBy(host);
    const changedAt = performance.now();
    await built.changePublicAddress(changingHome);
    // Each guest is seen turning around by someone who reaches it only through a restarted link.
    await turnsAgain(changingHome === 'hostHome' ? mover : host, changingHome === 'hostHome' ? stayerId : moverId, changedAt + 200, RECOVERY_MS);
    await turnsAgain(stayer, moverId, changedAt + 200, RECOVERY_MS);
    for (const player of [host, mover, stayer]) expect(await gameAsSeenBy(player)).toEqual({ ...before, status: 'playing' });
    console.log(
      `${changingHome === 'hostHome' ? "host's" : "guest's"} network changed: outage host→mover ${outage(mover, hostId, changedAt)} ms, ` +
        `host→third player ${outage(stayer, hostId, changedAt)} ms, mover→host ${outage(host, moverId, changedAt)} ms, third player→host ${outage(host, stayerId, changedAt)} ms`,
    );
  });
});
