import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildNatLab, natLabAvailable, type NatLab } from '../support/nat-lab.js';
import { LabPlayer } from '../support/lab-players.js';
import { startLabCoturn, startLabLobby } from '../support/lab-servers.js';
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
const ENTER_MS = 15_000;

describe.skipIf(unavailable !== undefined)('NAT matrix (lab: namespaces, nftables NATs, coturn)', () => {
  let labAtHand: NatLab | undefined;
  /** The lobby as `npm start` runs it: no settings at all. */
  let plainLobby: string;
  /** The same with TURN_SECRET and TURN_URLS pointing at the lab's coturn. */
  let turnLobby: string;
  const players: LabPlayer[] = [];

  beforeAll(async () => {
    const lab = await buildNatLab({
      cone1: { nat: 'cone', hosts: 2 },
      cone2: { nat: 'cone', hosts: 1 },
      sym1: { nat: 'symmetric', hosts: 1 },
      sym2: { nat: 'symmetric', hosts: 1 },
      tcpOnly: { nat: 'udp-blocked', hosts: 1 },
    });
    labAtHand = lab;
    const turn = await startLabCoturn(lab);
    [plainLobby, turnLobby] = await Promise.all([startLabLobby(lab, 8080), startLabLobby(lab, 8081, turn)]);
  });
  afterEach(async () => {
    await Promise.all(players.splice(0).map((player) => player.stop()));
  });
  afterAll(async () => {
    await labAtHand?.tearDown();
  });

  /** The host in one machine, the guest in another: how the guest's link to the host came out. */
  async function connect(hostAt: string, guestAt: string, lobby: string) {
    const lab = present(labAtHand, 'the lab');
    const host = LabPlayer.start(lab, 'host', hostAt, lobby, undefined, CONNECT_BOUND_MS);
    players.push(host);
    const { code, self: hostId } = await host.next('entered', ENTER_MS);
    const guest = LabPlayer.start(lab, 'guest', guestAt, lobby, code, CONNECT_BOUND_MS);
    players.push(guest);
    const { iceServers } = await guest.next('entered', ENTER_MS);
    const outcome = await guest.linkOutcome(hostId, ENTER_MS);
    console.log(`${hostAt.replace(/^hm[\d-]+/, '')} ⇄ ${guestAt.replace(/^hm[\d-]+/, '')} via ${lobby}: ${JSON.stringify(outcome)}; ICE servers ${iceServers.join(', ')}`);
    return { outcome, iceServers, host, guest };
  }

  it('cone ⇄ cone with default settings connects through the lobby STUN server (srflx)', async () => {
    const { outcome, iceServers } = await connect(present(labAtHand, 'the lab').hostNamespace('cone1'), present(labAtHand, 'the lab').hostNamespace('cone2'), plainLobby);
    expect(iceServers).toEqual(['stun:198.18.0.10:8080']);
    expect(outcome.event).toBe('linked');
    if (outcome.event !== 'linked') return;
    // Each side reaches the other's public mapping: found through STUN (srflx) or learned from its checks (prflx).
    expect(['srflx', 'prflx']).toContain(outcome.local);
    expect(['srflx', 'prflx']).toContain(outcome.remote);
  });

  it('symmetric ⇄ symmetric without TURN fails fast with the plain message', async () => {
    const { outcome } = await connect(present(labAtHand, 'the lab').hostNamespace('sym1'), present(labAtHand, 'the lab').hostNamespace('sym2'), plainLobby);
    expect(outcome.event).toBe('unreachable');
    if (outcome.event !== 'unreachable') return;
    expect(outcome.reason).toMatch(/a TURN server is needed/);
  });

  it('symmetric ⇄ symmetric with TURN connects through the relay', async () => {
    const { outcome } = await connect(present(labAtHand, 'the lab').hostNamespace('sym1'), present(labAtHand, 'the lab').hostNamespace('sym2'), turnLobby);
    expect(outcome.event).toBe('linked');
    if (outcome.event !== 'linked') return;
    expect([outcome.local, outcome.remote]).toContain('relay');
  });

  it('cone ⇄ symmetric with TURN connects through the relay', async () => {
    const { outcome } = await connect(present(labAtHand, 'the lab').hostNamespace('cone1'), present(labAtHand, 'the lab').hostNamespace('sym1'), turnLobby);
    expect(outcome.event).toBe('linked');
    if (outcome.event !== 'linked') return;
    expect([outcome.local, outcome.remote]).toContain('relay');
  });

  it('a network that blocks UDP connects through TURN over TCP', async () => {
    const { outcome } = await connect(present(labAtHand, 'the lab').hostNamespace('cone2'), present(labAtHand, 'the lab').hostNamespace('tcpOnly'), turnLobby);
    expect(outcome.event).toBe('linked');
    if (outcome.event !== 'linked') return;
    expect(outcome.local).toBe('relay');
    expect(outcome.relayProtocol).toBe('tcp');
  });

  it('two players in the same home connect directly (host ⇄ host)', async () => {
    const { outcome } = await connect(present(labAtHand, 'the lab').hostNamespace('cone1', 0), present(labAtHand, 'the lab').hostNamespace('cone1', 1), plainLobby);
    expect(outcome.event).toBe('linked');
    if (outcome.event !== 'linked') return;
    expect([outcome.local, outcome.remote]).toEqual(['host', 'host']);
  });
});
