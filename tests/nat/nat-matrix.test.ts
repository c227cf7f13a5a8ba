import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { natLabAvailable } from '../support/nat-lab.js';
import { connectPair, labWithServers, machineName, MATRIX_HOMES, type LabWithServers } from '../support/lab-games.js';
import type { LabPlayer } from '../support/lab-players.js';
import { present } from '../support/wait.js';

/**
 * Friends in different homes, over the real lobby (with its built-in STUN server) and a real
 * coturn, through real NATs built in network namespaces (tests/support/nat-lab.ts). Each case
 * asserts how ICE got through (getStats' selected pair), not only that it did.
 */
const unavailable = await natLabAvailable();
if (unavailable) console.warn(`NAT lab skipped: ${unavailable}`);

/** A failing pair gives up after this long (the link's connect bound), so expected failures stay quick. */
const CONNECT_BOUND_MS = 6_000;

describe.skipIf(unavailable !== undefined)('NAT matrix (lab: namespaces, nftables NATs, coturn)', () => {
  let setUp: LabWithServers | undefined;
  const players: LabPlayer[] = [];

  beforeAll(async () => {
    setUp = await labWithServers(MATRIX_HOMES);
  });
  afterEach(async () => {
    await Promise.all(players.splice(0).map((player) => player.stop()));
  });
  afterAll(async () => {
    await setUp?.lab.tearDown();
  });

  /** The host in `hostHome`, the guest in `guestHome`, over the plain lobby or the one with TURN. */
  async function connect(hostHome: string, guestHome: string, withTurn: boolean, guestMachine = 0) {
    const { lab, plainLobby, turnLobby } = present(setUp, 'the lab');
    const [hostAt, guestAt] = [lab.hostNamespace(hostHome), lab.hostNamespace(guestHome, guestMachine)];
    const result = await connectPair(lab, players, hostAt, guestAt, withTurn ? turnLobby : plainLobby, CONNECT_BOUND_MS);
    console.log(`${machineName(hostAt)} ⇄ ${machineName(guestAt)}${withTurn ? ' (TURN)' : ''}: ${JSON.stringify(result.outcome)}; ICE servers ${result.iceServers.join(', ')}`);
    return result;
  }

  it('cone ⇄ cone with default settings connects through the lobby STUN server (srflx)', async () => {
    const { outcome, iceServers } = await connect('cone1', 'cone2', false);
    expect(iceServers).toEqual(['stun:198.18.0.10:8080']);
    expect(outcome.event).toBe('linked');
    if (outcome.event !== 'linked') return;
    // Each side reaches the other's public mapping: found through STUN (srflx) or learned from its checks (prflx).
    expect(['srflx', 'prflx']).toContain(outcome.local);
    expect(['srflx', 'prflx']).toContain(outcome.remote);
  });

  it('symmetric ⇄ symmetric without TURN fails fast with the plain message', async () => {
    const { outcome } = await connect('sym1', 'sym2', false);
    expect(outcome.event).toBe('unreachable');
    if (outcome.event !== 'unreachable') return;
    expect(outcome.reason).toMatch(/a TURN server is needed/);
  });

  it('symmetric ⇄ symmetric with TURN connects through the relay', async () => {
    const { outcome } = await connect('sym1', 'sym2', true);
    expect(outcome.event).toBe('linked');
    if (outcome.event !== 'linked') return;
    expect([outcome.local, outcome.remote]).toContain('relay');
  });

  it('cone ⇄ symmetric with TURN connects through the relay', async () => {
    const { outcome } = await connect('cone1', 'sym1', true);
    expect(outcome.event).toBe('linked');
    if (outcome.event !== 'linked') return;
    expect([outcome.local, outcome.remote]).toContain('relay');
  });

  it('a network that blocks UDP connects through TURN over TCP', async () => {
    const { outcome } = await connect('cone2', 'tcpOnly', true);
    expect(outcome.event).toBe('linked');
    if (outcome.event !== 'linked') return;
    expect(outcome.local).toBe('relay');
    expect(outcome.relayProtocol).toBe('tcp');
  });

  it('two players in the same home connect directly (host ⇄ host)', async () => {
    const { outcome } = await connect('cone1', 'cone1', false, 1);
    expect(outcome.event).toBe('linked');
    if (outcome.event !== 'linked') return;
    expect([outcome.local, outcome.remote]).toEqual(['host', 'host']);
  });
});
