import { createHmac } from 'node:crypto';
import { Client, type Room } from 'colyseus.js';
import { describe, expect, it } from 'vitest';
import { iceServersFor, pageHostTurnUrls } from '../../server/ice-servers.js';
import { LobbySession, newPlayerKey } from '../../src/net/lobby-client.js';
import { LobbyMessage, MATCH_ROOM } from '../../src/protocol/lobby-messages.js';
import { newPeerId } from '../../src/protocol/peer-id.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { waitFor } from '../support/wait.js';

/** A relay named after the host each member reached the lobby by, as `TURN=managed` hands it out. */
const TURN = { secret: 'test-secret', urlsFor: pageHostTurnUrls(3478), ttlSeconds: 600 };
/** Short so the expiry case finishes quickly; the reconnecting clients come back within milliseconds. */
const GRACE_SECONDS = 3;

interface RawMember {
  readonly room: Room;
  readonly peerId: string;
  readonly playerKey: string;
}

/** Joins with a raw colyseus.js room (so the test can cut its socket), with the identity it used. */
async function rawMember(url: string, code: string, name: string): Promise<RawMember> {
  const identity = { playerKey: newPlayerKey(), peerId: newPeerId() };
  const room: Room = await new Client(url).joinById(code, { name, ...identity });
  room.onMessage('*', () => undefined);
  await new Promise<void>((resolve) => {
    room.onMessage(LobbyMessage.Welcome, () => {
      resolve();
    });
  });
  return { room, ...identity };
}

describe('reconnection and TURN credentials (real Colyseus)', () => {
  const { url, origin, keep } = useSuiteLobby({ reconnectGraceSeconds: GRACE_SECONDS, iceServersFor: iceServersFor([], TURN) });

  it('gives a member whose socket dropped the same seat back with its token, once', async () => {
    const host = keep(await LobbySession.host(url(), 'Host'));
    const left: string[] = [];
    const joined: string[] = [];
    host.events.on('member-left', ({ id }) => left.push(id));
    host.events.on('member-joined', ({ id }) => joined.push(id));
    const { room: bob, peerId: bobId } = await rawMember(url(), host.welcome.code, 'Bob');
    const token = bob.reconnectionToken;
    bob.connection.close(); // not a consented leave: like a reload or a lost network
    // The others hear at once that bob is gone (their peer links to him are dead)...
    await waitFor('the host to hear bob went away', () => left.length === 1);

    const back = keep(await LobbySession.reconnect(url(), token));
    expect(back.selfId).toBe(bobId);
    expect(back.welcome.members).toEqual([{ id: host.selfId, name: 'Host', spectator: false, ready: false, keyTag: host.welcome.keyTag }]);
    expect(back.welcome.hostId).toBe(host.selfId);
    back.sendSignal(host.selfId, 'still here');
    const signals: string[] = [];
    host.events.on('signal', ({ data }) => signals.push(data));
    await waitFor('the resumed member to signal', () => signals.length === 1);
    // ...and that he is back, under the same id.
    await waitFor('the host to hear bob is back', () => joined.length === 2);
    expect(joined).toEqual([bobId, bobId]);
    expect(host.members.has(bobId)).toBe(true);

    const reused = await LobbySession.reconnect(url(), token);
    expect(reused.ok).toBe(false); // tokens are single-use
  });

  it('lets a peer whose socket dropped take its seat back by code under its peer id; nobody else gets that id', async () => {
    const host = keep(await LobbySession.host(url(), 'Host'));
    const code = host.welcome.code;
    const joined: string[] = [];
    host.events.on('member-joined', ({ id }) => joined.push(id));
    const eve = await rawMember(url(), code, 'Eve');
    const impostor = await LobbySession.join(url(), code, 'Imp', { peerId: eve.peerId });
    expect(impostor).toMatchObject({ ok: false, reason: expect.stringContaining(`peer id ${eve.peerId} is already in this game`) });

    eve.room.connection.close();
    await waitFor('the host to hear eve went away', () => !host.members.has(eve.peerId));
    // While her seat is held, her id is still hers: another browser (other key) cannot take it.
    const thief = await LobbySession.join(url(), code, 'Thief', { peerId: eve.peerId });
    expect(thief).toMatchObject({ ok: false, reason: expect.stringContaining('already in this game') });
    const back = keep(await LobbySession.join(url(), code, 'Eve', { peerId: eve.peerId, playerKey: eve.playerKey }));
    expect(back.selfId).toBe(eve.peerId);
    await waitFor('the host to see eve back under her id', () => host.members.has(eve.peerId));
    expect(joined).toEqual([eve.peerId, eve.peerId]);
    // Her old token is void (its seat moved), and her seat is not given up when its grace ends.
    expect((await LobbySession.reconnect(url(), eve.room.reconnectionToken)).ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, (GRACE_SECONDS + 0.5) * 1000));
    expect(host.members.has(eve.peerId)).toBe(true);
    back.sendSignal(host.selfId, 'eve here');
    const signals: { from: string; data: string }[] = [];
    host.events.on('signal', (signal) => signals.push(signal));
    await waitFor('eve to signal under her id', () => signals.length === 1);
    expect(signals).toEqual([{ from: eve.peerId, data: 'eve here' }]);
  });

  it('lets the same browser take its seat by code while the lobby still thinks its old socket alive (a network change)', async () => {
    const host = keep(await LobbySession.host(url(), 'Host'));
    const code = host.welcome.code;
    const left: string[] = [];
    host.events.on('member-left', ({ id }) => left.push(id));
    const fay = await rawMember(url(), code, 'Fay');
    const oldClosed = new Promise<number>((resolve) => fay.room.onLeave((closeCode) => resolve(closeCode)));
    // Fay's network changed: her old socket is dead but the lobby has not noticed. She comes back at once.
    const back = keep(await LobbySession.join(url(), code, 'Fay', { peerId: fay.peerId, playerKey: fay.playerKey }));
    expect(back.selfId).toBe(fay.peerId);
    await oldClosed; // the lobby drops the connection nobody owns any more
    host.sendSignal(fay.peerId, 'to the new socket');
    const signals: string[] = [];
    back.events.on('signal', ({ data }) => signals.push(data));
    await waitFor('the signal to reach her new connection', () => signals.length === 1);
    expect(left).toEqual([]); // she never left: nobody probes or drops her links
    expect(host.members.has(fay.peerId)).toBe(true);
  });

  it('frees the seat when the grace period passes', async () => {
    // Carol hosts: her flag is vacated when she goes away; her seat stays in the join order until the grace period ends.
    const carolId = newPeerId();
    const carol = await new Client(url()).create(MATCH_ROOM, { name: 'Carol', playerKey: newPlayerKey(), peerId: carolId });
    carol.onMessage('*', () => undefined);
    const dan = keep(await LobbySession.join(url(), carol.roomId, 'Dan'));
    const left: string[] = [];
    dan.events.on('member-left', ({ id }) => left.push(id));
    carol.connection.close();
    await waitFor('dan to hear carol went away', () => left.length === 1);
    await waitFor('the flag to be vacant', () => dan.hostId === undefined);
    expect(dan.joinOrder).toEqual([carolId, dan.selfId]); // her seat is kept for now
    await waitFor('her seat to be given up once the grace period is over', () => dan.joinOrder.length === 1, (GRACE_SECONDS + 10) * 1000);
    expect(left).toEqual([carolId, carolId]); // away, then gone
    expect((await LobbySession.reconnect(url(), carol.reconnectionToken)).ok).toBe(false);
  });

  it('hands every member its own short-lived TURN credential in coturn REST format, under an id the lobby drew', async () => {
    const host = keep(await LobbySession.host(url(), 'Host'));
    const guest = keep(await LobbySession.join(url(), host.welcome.code, 'Guest'));
    const users = new Set<string>();
    for (const session of [host, guest]) {
      const [turn] = session.welcome.iceServers;
      // The client reached the lobby at 127.0.0.1 (its WebSocket's Host header).
      expect(turn?.urls).toEqual(['turn:127.0.0.1:3478?transport=udp', 'turn:127.0.0.1:3478?transport=tcp']);
      const [expiry, user = ''] = (turn?.username ?? '').split(':');
      expect(user).toMatch(/^[A-Za-z0-9_-]{12}$/); // not the peer id the client chose
      expect(user).not.toBe(session.selfId);
      users.add(user);
      const lifetime = Number(expiry) - Date.now() / 1000;
      expect(lifetime).toBeGreaterThan(0);
      expect(lifetime).toBeLessThanOrEqual(TURN.ttlSeconds);
      expect(turn?.credential).toBe(createHmac('sha1', TURN.secret).update(turn?.username ?? '').digest('base64'));
    }
    expect(users.size).toBe(2);
  });

  it('hands no credential to a matchmaking call: only an admitted member\'s welcome carries one', async () => {
    const reservation = await fetch(`${origin()}/matchmake/create/${MATCH_ROOM}`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Lurker', playerKey: newPlayerKey(), peerId: newPeerId() }),
    });
    const text = await reservation.text();
    expect(text).toContain('sessionId');
    expect(text).not.toMatch(/turn:|credential/);
  });
});
