import { createHmac } from 'node:crypto';
import { Client, type Room } from 'colyseus.js';
import { describe, expect, it } from 'vitest';
import { iceServersFor } from '../../server/ice-servers.js';
import { LobbySession, newPlayerKey } from '../../src/net/lobby-client.js';
import { LobbyMessage, MATCH_ROOM } from '../../src/protocol/lobby-messages.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { waitFor } from '../support/wait.js';

const TURN = { secret: 'test-secret', urls: ['turn:127.0.0.1:3478?transport=udp'], ttlSeconds: 600 };
/** Short so the expiry case finishes quickly; the reconnecting clients come back within milliseconds. */
const GRACE_SECONDS = 3;

/** Joins with a raw colyseus.js room (so the test can cut its socket) and returns it with its token. */
async function rawMember(url: string, code: string, name: string): Promise<Room> {
  const room: Room = await new Client(url).joinById(code, { name, playerKey: newPlayerKey() });
  room.onMessage('*', () => undefined);
  await new Promise<void>((resolve) => {
    room.onMessage(LobbyMessage.Welcome, () => {
      resolve();
    });
  });
  return room;
}

describe('reconnection and TURN credentials (real Colyseus)', () => {
  const { url, keep } = useSuiteLobby({ reconnectGraceSeconds: GRACE_SECONDS, iceServersFor: iceServersFor([], TURN) });

  it('gives a member whose socket dropped the same seat back with its token, once', async () => {
    const host = keep(await LobbySession.host(url(), 'Host'));
    const left: string[] = [];
    const joined: string[] = [];
    host.events.on('member-left', ({ id }) => left.push(id));
    host.events.on('member-joined', ({ id }) => joined.push(id));
    const bob = await rawMember(url(), host.welcome.code, 'Bob');
    const token = bob.reconnectionToken;
    bob.connection.close(); // not a consented leave: like a reload or a lost network
    // The others hear at once that bob is gone (their peer links to him are dead)...
    await waitFor('the host to hear bob went away', () => left.length === 1);

    const back = keep(await LobbySession.reconnect(url(), token));
    expect(back.selfId).toBe(bob.sessionId);
    expect(back.welcome.members).toEqual([{ id: host.selfId, name: 'Host' }]);
    expect(back.welcome.hostId).toBe(host.selfId);
    back.sendSignal(host.selfId, 'still here');
    const signals: string[] = [];
    host.events.on('signal', ({ data }) => signals.push(data));
    await waitFor('the resumed member to signal', () => signals.length === 1);
    // ...and that he is back, under the same id.
    await waitFor('the host to hear bob is back', () => joined.length === 2);
    expect(joined).toEqual([bob.sessionId, bob.sessionId]);
    expect(host.members.has(bob.sessionId)).toBe(true);

    const reused = await LobbySession.reconnect(url(), token);
    expect(reused.ok).toBe(false); // tokens are single-use
  });

  it('frees the seat when the grace period passes', async () => {
    // Carol hosts: when her seat is given up, the host flag moves, which Dan can see.
    const carol = await new Client(url()).create(MATCH_ROOM, { name: 'Carol', playerKey: newPlayerKey() });
    carol.onMessage('*', () => undefined);
    const dan = keep(await LobbySession.join(url(), carol.roomId, 'Dan'));
    const left: string[] = [];
    dan.events.on('member-left', ({ id }) => left.push(id));
    carol.connection.close();
    await waitFor('dan to hear carol went away', () => left.length === 1);
    expect(dan.hostId).toBe(carol.sessionId); // her seat (and flag) is kept for now
    await waitFor('the flag to move once the grace period is over', () => dan.hostId === dan.selfId, (GRACE_SECONDS + 10) * 1000);
    expect(left).toEqual([carol.sessionId]); // announced once
    expect((await LobbySession.reconnect(url(), carol.reconnectionToken)).ok).toBe(false);
  });

  it('hands every member its own short-lived TURN credential in coturn REST format', async () => {
    const host = keep(await LobbySession.host(url(), 'Host'));
    const guest = keep(await LobbySession.join(url(), host.welcome.code, 'Guest'));
    for (const session of [host, guest]) {
      const [turn] = session.welcome.iceServers;
      expect(turn?.urls).toEqual(TURN.urls);
      const [expiry, user] = (turn?.username ?? '').split(':');
      expect(user).toBe(session.selfId);
      const lifetime = Number(expiry) - Date.now() / 1000;
      expect(lifetime).toBeGreaterThan(0);
      expect(lifetime).toBeLessThanOrEqual(TURN.ttlSeconds);
      expect(turn?.credential).toBe(createHmac('sha1', TURN.secret).update(turn?.username ?? '').digest('base64'));
    }
  });
});
