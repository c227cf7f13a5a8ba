import { buildNatLab, type HomeSpec, type NatLab } from './nat-lab.js';
import { LabPlayer } from './lab-players.js';
import { startLabLobby } from './lab-servers.js';
import { waitFor } from './wait.js';

/* Games played in the NAT lab, shared by its tests and `npm run bench:nat`. */

/** How long a player may take to enter the lobby, and a game to come together. */
export const LAB_ENTER_MS = 15_000;

/** Two homes behind cone NATs (the first with two machines), two behind symmetric ones, one that blocks UDP. */
export const MATRIX_HOMES: Readonly<Record<string, HomeSpec>> = {
  cone1: { nat: 'cone', hosts: 2 },
  cone2: { nat: 'cone', hosts: 1 },
  sym1: { nat: 'symmetric', hosts: 1 },
  sym2: { nat: 'symmetric', hosts: 1 },
  tcpOnly: { nat: 'udp-blocked', hosts: 1 },
};

/** The lab with two lobbies: as `npm start` runs it (no settings), and with `TURN=managed` (its own coturn). */
export interface LabWithServers {
  readonly lab: NatLab;
  readonly plainLobby: string;
  readonly turnLobby: string;
}

export async function labWithServers(homes: Readonly<Record<string, HomeSpec>>): Promise<LabWithServers> {
  const lab = await buildNatLab(homes);
  try {
    // Each lobby's STUN server takes its port number and the next one (UDP): keep them apart.
    const [plainLobby, turnLobby] = await Promise.all([startLabLobby(lab, 8080), startLabLobby(lab, 8090, true)]);
    return { lab, plainLobby, turnLobby };
  } catch (error) {
    await lab.tearDown();
    throw error;
  }
}

/** The short name of a lab machine's namespace, for logs (`h1-0`: home 1, machine 0). */
export function machineName(namespace: string): string {
  return namespace.replace(/^hm[\d-]+/, '');
}

/**
 * A host in one machine, a guest in another: how the guest's link to the host came out, and how
 * long it took from the guest entering the lobby room. Players go into `players` for tear-down.
 */
export async function connectPair(lab: NatLab, players: LabPlayer[], hostAt: string, guestAt: string, lobby: string, connectBoundMs: number) {
  const host = LabPlayer.start(lab, 'host', hostAt, lobby, undefined, connectBoundMs);
  players.push(host);
  const { code, self: hostId } = await host.next('entered', LAB_ENTER_MS);
  const guest = LabPlayer.start(lab, 'guest', guestAt, lobby, code, connectBoundMs);
  players.push(guest);
  const entered = await guest.next('entered', LAB_ENTER_MS);
  const outcome = await guest.linkOutcome(hostId, LAB_ENTER_MS);
  return { outcome, iceServers: entered.iceServers, connectMs: outcome.at - entered.at, host, guest };
}

/** Three players in three homes, all linked, every page drawing all three. */
export async function threePlayerGame(lab: NatLab, players: LabPlayer[], lobby: string, homes: readonly [string, string, string]) {
  const [hostHome, moverHome, stayerHome] = homes;
  const host = LabPlayer.start(lab, 'host', lab.hostNamespace(hostHome), lobby);
  players.push(host);
  const { code, self: hostId } = await host.next('entered', LAB_ENTER_MS);
  const mover = LabPlayer.start(lab, 'mover', lab.hostNamespace(moverHome), lobby, code);
  const stayer = LabPlayer.start(lab, 'stayer', lab.hostNamespace(stayerHome), lobby, code);
  players.push(mover, stayer);
  const { self: moverId } = await mover.next('entered', LAB_ENTER_MS);
  const { self: stayerId } = await stayer.next('entered', LAB_ENTER_MS);
  for (const player of [host, mover, stayer]) {
    await waitFor(`${player.name} to draw all three`, () => player.states().some(({ state }) => state.players.length === 3), LAB_ENTER_MS);
  }
  return { host, mover, stayer, hostId, moverId, stayerId };
}

/** The longest stretch after `since` in which `player` received nothing from `peerId`: that link's outage. */
export function outage(player: LabPlayer, peerId: string, since: number): number {
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

/**
 * Resolves when `viewer` sees the player turn around after `since`: lab players walk left for a
 * second, then right, so a turn needs inputs sent after `since` (a host repeating the last input
 * moves a player one way only). Returns when, on this process's clock.
 */
export async function turnsAgain(viewer: LabPlayer, peerId: string, since: number, timeoutMs: number): Promise<number> {
  let turnedAt = 0;
  await waitFor(
    `${viewer.name} to see ${peerId} turn around`,
    () => {
      const seen = viewer.states(since).flatMap(({ arrived, state }) => state.players.filter((player) => player.peerId === peerId).map((player) => ({ arrived, x: player.x })));
      const directions = seen.slice(1).map(({ arrived, x }, index) => ({ arrived, step: Math.sign(x - (seen[index]?.x ?? x)) }));
      const firstLeft = directions.find(({ step }) => step === -1);
      const firstRight = directions.find(({ step }) => step === 1);
      if (!firstLeft || !firstRight) return false;
      turnedAt = Math.max(firstLeft.arrived, firstRight.arrived);
      return true;
    },
    timeoutMs,
  );
  return turnedAt;
}
