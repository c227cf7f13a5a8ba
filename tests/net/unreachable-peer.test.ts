import wrtc from '@roamhq/wrtc';
import { afterAll, describe, expect, it } from 'vitest';
import { tagGame } from '../../src/games/tag/tag-game.js';
import { SimplePeerLink } from '../../src/net/simple-peer-link.js';
import { Match, type LinkFactoryFor } from '../../src/session/match.js';
import { systemScheduler } from '../../src/time/scheduler.js';
import { expectOk } from '../support/expect-ok.js';
import { isLoopbackCandidate } from '../support/loopback.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { waitFor } from '../support/wait.js';

/** Addresses that route nowhere (TEST-NET-1, RFC 5737; the IPv6 discard prefix, RFC 6666). */
const UNROUTABLE_V4 = '192.0.2.1';
const UNROUTABLE_V6 = '100::1';

/**
 * A signal with every address it announces made unreachable: candidates in the SDP (libwebrtc
 * puts some there, on every interface) are dropped, trickled loopback ones rewritten.
 */
function unreachable(data: string): string {
  return data
    .replace(/a=candidate:.*?\\r\\n/g, '')
    .replace(/127\.0\.0\.1/g, UNROUTABLE_V4)
    .replace(/ ::1 /g, ` ${UNROUTABLE_V6} `);
}

/**
 * Real WebRTC links whose announced addresses cannot be reached, as between two players behind
 * NATs that block direct traffic, with no TURN server: the candidates are rewritten to an
 * unroutable address before they are relayed.
 */
const unreachableLinks: LinkFactoryFor = (iceServers) => (remoteId, initiator, sendSignal) =>
  new SimplePeerLink({
    remoteId,
    initiator,
    iceServers,
    wrtc,
    candidateFilter: isLoopbackCandidate,
    connectTimeoutMs: 2_000,
    sendSignal: (data) => sendSignal(unreachable(data)),
  });

describe('a player who cannot be reached directly (real WebRTC, real lobby)', () => {
  const { url } = useSuiteLobby();
  const matches: Match[] = [];
  afterAll(async () => {
    await Promise.all(matches.map((match) => match.close()));
  });

  it('is reported by name, with the advice that a TURN server is needed', async () => {
    const options = (name: string) => ({ lobby: url(), name, scheduler: systemScheduler, game: tagGame(), localInput: () => 0, linkFactory: unreachableLinks });
    const host = expectOk(await Match.host(options('Ann')));
    matches.push(host);
    const guest = expectOk(await Match.join(options('Bea'), host.code));
    matches.push(guest);
    const reports: { name: string; reason: string }[] = [];
    guest.events.on('peer-unreachable', ({ name, reason }) => reports.push({ name, reason }));
    await waitFor('the guest to give up on the host', () => reports.length > 0, 10_000);
    console.log(`unreachable peer: "${reports[0]?.name}": ${reports[0]?.reason}`);
    expect(reports[0]?.name).toBe('Ann');
    expect(reports[0]?.reason).toMatch(/^a TURN server is needed/);
    expect(guest.status).toBe('connecting');
  });
});
