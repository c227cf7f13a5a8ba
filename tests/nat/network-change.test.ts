import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildNatLab, natLabAvailable, type NatLab } from '../support/nat-lab.js';
import { LabPlayer } from '../support/lab-players.js';
import { startLabLobby } from '../support/lab-servers.js';
import { present, waitFor } from '../support/wait.js';

/**
 * A player's network changes mid-game (a phone leaving Wi-Fi, an ISP renumbering a line): their
 * home's NAT gets a new public address, so every mapping through it, peer links and the lobby's
 * WebSocket alike, dies at once. The links must restart ICE and carry on: no host migration, the
 * same slot, the player moving again. The outage is printed; `npm run bench:nat` measures it
 * against its targets (no wall-clock bounds here).
 */
const unavailable = await natLabAvailable();
if (unavailable) console.warn(`NAT lab skipped: ${unavailable}`);

const ENTER_MS = 15_000;
/** Long enough for restarts to be retried a few times, short of the 5 s after which a link is given up. */
const RECOVERY_MS = 12_000;

/** The longest stretch after `since` in which `player` received nothing from `peerId`: that link's outage. */
function outage(player: LabPlayer, peerId: string, since: number): number {
  let longest = 0;
  let lastChange = since;
  let lastCount: number | undefined;
  for (const { arrived, state } of player.states(since - 500)) {
    const count = state.received[peerId];
    if (lastCount !== undefined && count !== lastCount) {
      if (arrived >= since) longest = Math.max(longest, arrived - Math.max(lastChange, since));
      lastChange = arrived;
    }
    lastCount = count;
  }
  return Math.round(longest);
}

describe.skipIf(unavailable !== undefined)('a network change mid-game (lab: the NAT gets a new public address)', () => {
  let lab: NatLab | undefined;
  let lobby = '';
  const players: LabPlayer[] = [];

  beforeAll(async () => {
    lab = await buildNatLab({ hostHome: { nat: 'cone', hosts: 1 }, moverHome: { nat: 'cone', hosts: 1 }, stayerHome: { nat: 'cone', hosts: 1 } });
    lobby = await startLabLobby(lab, 8080);
  });
  afterEach(async () => {
    await Promise.all(players.splice(0).map((player) => player.stop()));
  });
  afterAll(async () => {
    await lab?.tearDown();
  });

  /** Host, a guest in another home and a third player in a third: all linked, everyone drawn. */
  async function game(built: NatLab) {
    const host = LabPlayer.start(built, 'host', built.hostNamespace('hostHome'), lobby);
    players.push(host);
    const { code, self: hostId } = await host.next('entered', ENTER_MS);
    const mover = LabPlayer.start(built, 'mover', built.hostNamespace('moverHome'), lobby, code);
    const stayer = LabPlayer.start(built, 'stayer', built.hostNamespace('stayerHome'), lobby, code);
    players.push(mover, stayer);
    const { self: moverId } = await mover.next('entered', ENTER_MS);
    const { self: stayerId } = await stayer.next('entered', ENTER_MS);
    for (const player of [host, mover, stayer]) {
      await waitFor(`${player.name} to draw all three`, () => player.states().some(({ state }) => state.players.length === 3), ENTER_MS);
    }
    return { host, mover, stayer, hostId, moverId, stayerId };
  }

  /** What must hold once the game has carried on: same host and reign everywhere, same slots. */
  async function expectSameGame(all: readonly LabPlayer[], before: { readonly host: string | undefined; readonly epoch: number; readonly slots: string }) {
    for (const player of all) {
      const state = await player.latestState();
      expect({ who: player.name, host: state.host, epoch: state.epoch, status: state.status }).toEqual({ who: player.name, host: before.host, epoch: before.epoch, status: 'playing' });
      expect(JSON.stringify(state.players.map(({ slot, peerId }) => [slot, peerId]).sort())).toBe(before.slots);
    }
  }

  /**
   * `viewer` sees the player turn around after `since`: players walk left for a second, then right,
   * so a turn needs inputs sent after the change (a host repeating the last input moves it one way).
   */
  async function turnsAgain(viewer: LabPlayer, peerId: string, since: number): Promise<void> {
    await waitFor(
      `${viewer.name} to see ${peerId} turn around`,
      () => {
        const xs = viewer.states(since).flatMap(({ state }) => state.players.filter((player) => player.peerId === peerId).map((player) => player.x));
        const steps = xs.slice(1).map((x, index) => Math.sign(x - (xs[index] ?? x)));
        return steps.includes(1) && steps.includes(-1);
      },
      RECOVERY_MS,
    );
  }

  it('a guest whose network changes keeps its seat: its links restart ICE, nobody migrates', async () => {
    const built = present(lab, 'the lab');
    const { host, mover, stayer, hostId, moverId, stayerId } = await game(built);
    const reference = await host.latestState();
    const before = { host: hostId, epoch: reference.epoch, slots: JSON.stringify(reference.players.map(({ slot, peerId }) => [slot, peerId]).sort()) };
    const changedAt = performance.now();
    await built.changePublicAddress('moverHome');
    await turnsAgain(host, moverId, changedAt + 200);
    await turnsAgain(stayer, moverId, changedAt + 200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await expectSameGame([host, mover, stayer], before);
    console.log(
      `guest's network changed: outage host→mover ${outage(mover, hostId, changedAt)} ms, mover→host ${outage(host, moverId, changedAt)} ms, ` +
        `third player→mover ${outage(mover, stayerId, changedAt)} ms, host→third player ${outage(stayer, hostId, changedAt)} ms`,
    );
  });

  it('a host whose network changes stays the host: the others wait for its restart, nobody migrates', async () => {
    const built = present(lab, 'the lab');
    const { host, mover, stayer, hostId, moverId, stayerId } = await game(built);
    const reference = await host.latestState();
    const before = { host: hostId, epoch: reference.epoch, slots: JSON.stringify(reference.players.map(({ slot, peerId }) => [slot, peerId]).sort()) };
    const changedAt = performance.now();
    await built.changePublicAddress('hostHome');
    await turnsAgain(mover, stayerId, changedAt + 200);
    await turnsAgain(stayer, moverId, changedAt + 200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await expectSameGame([host, mover, stayer], before);
    console.log(
      `host's network changed: outage host→guests ${outage(mover, hostId, changedAt)} and ${outage(stayer, hostId, changedAt)} ms, ` +
        `guests→host ${outage(host, moverId, changedAt)} and ${outage(host, stayerId, changedAt)} ms, guest→guest ${outage(mover, stayerId, changedAt)} ms`,
    );
  });
});
