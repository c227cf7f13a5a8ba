import { matchMaker } from '@colyseus/core';
import { Client, type Room } from 'colyseus.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPS } from '../../server/limits/lobby-caps.js';
import { DEFAULT_LIMITS } from '../../server/limits/lobby-limits.js';
import { fetchGameList } from '../../src/net/games-list.js';
import { LobbySession, newPlayerKey } from '../../src/net/lobby-client.js';
import { LobbyMessage, MATCH_ROOM } from '../../src/protocol/lobby-messages.js';
import { newPeerId } from '../../src/protocol/peer-id.js';
import { expectOk } from '../support/expect-ok.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { readUntil } from '../support/wait.js';
import { joinOptions, rawRequest, type RawResponse } from './raw-http.js';

const reserved = (response: RawResponse): boolean => response.status === 200 && (JSON.parse(response.body) as { sessionId?: unknown }).sessionId !== undefined;
const exists = async (code: string): Promise<boolean> => (await matchMaker.query({ roomId: code })).length > 0;

/** A raw colyseus.js member (so a test can cut its socket like a reload), welcomed. */
async function rawMember(join: () => Promise<Room>): Promise<Room> {
  const room = await join();
  room.onMessage('*', () => undefined);
  await new Promise<void>((resolve) => {
    room.onMessage(LobbyMessage.Welcome, () => resolve());
  });
  return room;
}
const identity = (name: string): Record<string, string> => ({ name, playerKey: newPlayerKey(), peerId: newPeerId() });

describe('seat squatting (real lobby, default caps)', () => {
  const { url, lobby, keep, origin } = useSuiteLobby();

  it('lets one address hold 6 of 11 joinById reservations, and the friend with the code still joins a 4-player game', async () => {
    const host = keep(await LobbySession.host(url(), 'Host', { isPublic: true, maxPlayers: 4 }));
    const code = host.welcome.code;
    const squats = await Promise.all(
      Array.from({ length: 11 }, () => rawRequest(lobby().port, { path: `/matchmake/joinById/${code}`, body: joinOptions('Squatter'), localAddress: '127.0.0.2' })),
    );
    expect(squats.filter(reserved)).toHaveLength(DEFAULT_CAPS.reservationsPerAddress);
    const refused = squats.filter((squat) => !reserved(squat));
    expect(refused.map((squat) => squat.status)).toEqual([429, 429, 429, 429, 429]);
    expect(JSON.parse(refused[0]?.body ?? '{}')).toEqual({ code: 429, error: expect.stringContaining('unused seat reservations') });

    const friend = keep(await LobbySession.join(url(), code, 'Friend'));
    expect(friend.welcome.spectator).toBe(false);
    await readUntil('the list to show the game as 2/4', async () => expectOk(await fetchGameList(origin())).find((game) => game.code === code), (game) => game?.players === 2);
    keep(await LobbySession.quickJoin(url(), 'Quick')); // quick join still finds a seat in it
  });
});

describe('live rooms per address (real lobby, 2 rooms per address)', () => {
  const { url, lobby, keep } = useSuiteLobby({ caps: { ...DEFAULT_CAPS, roomsPerAddress: 2 } });
  const create = (localAddress: string): Promise<RawResponse> =>
    rawRequest(lobby().port, { path: `/matchmake/create/${MATCH_ROOM}`, body: joinOptions('Spam'), localAddress });

  it('refuses a third live room from one address until one of its rooms is gone; other addresses are unaffected', async () => {
    const first = expectOk(await LobbySession.host(url(), 'One'));
    keep(await LobbySession.host(url(), 'Two'));
    const third = await create('127.0.0.1');
    expect(third.status).toBe(429);
    expect(JSON.parse(third.body)).toEqual({ code: 429, error: expect.stringContaining('too many live games from your address (2)') });
    expect(reserved(await create('127.0.0.2'))).toBe(true);
    const code = first.welcome.code;
    await first.leave();
    await readUntil('the first room to be disposed', () => exists(code), (alive) => !alive);
    expect(reserved(await create('127.0.0.1'))).toBe(true);
  });
});

describe('open sockets per address (real lobby, 3 sockets per address)', () => {
  const { url, keep } = useSuiteLobby({ caps: { ...DEFAULT_CAPS, socketsPerAddress: 3 } });

  it('refuses a fourth socket from one address until one of its sockets closes', async () => {
    const host = keep(await LobbySession.host(url(), 'Host'));
    const code = host.welcome.code;
    const second = expectOk(await LobbySession.join(url(), code, 'Second'));
    keep(await LobbySession.join(url(), code, 'Third'));
    expect(await LobbySession.join(url(), code, 'Fourth')).toMatchObject({ ok: false });
    await second.leave();
    const fourth = await readUntil('a socket to be free again', () => LobbySession.join(url(), code, 'Fourth'), (joined) => joined.ok);
    keep(fourth);
  });
});

describe('a family of four behind one address (real lobby, default rates and caps)', () => {
  const { url } = useSuiteLobby({ limits: DEFAULT_LIMITS });

  it('hosts, joins at once and reloads at once', async () => {
    const host = await rawMember(() => new Client(url()).create(MATCH_ROOM, { ...identity('Mum'), maxPlayers: 4 }));
    const kids = await Promise.all(['Ann', 'Ben', 'Cy'].map((name) => rawMember(() => new Client(url()).joinById(host.roomId, identity(name)))));
    const family = [host, ...kids];
    const tokens = family.map((member) => member.reconnectionToken);
    for (const member of family) member.connection.close(); // four reloads at the same moment
    const back = await Promise.all(tokens.map((token) => LobbySession.reconnect(url(), token)));
    expect(back.map((session) => (session.ok ? true : session.reason))).toEqual([true, true, true, true]);
    await Promise.all(back.map((session) => expectOk(session).leave()));
  });
});

describe('idle rooms (real lobby, 1 s reservations, 2 s idle limit)', () => {
  const { url, lobby, keep } = useSuiteLobby({ caps: { ...DEFAULT_CAPS, seatReservationSeconds: 1, idleRoomSeconds: 2 } });
  const call = (path: string, localAddress: string): Promise<RawResponse> => rawRequest(lobby().port, { path, body: joinOptions('Idle'), localAddress });

  it('closes a room nobody ever entered even while reservations keep coming, and keeps rooms with members, away ones too', async () => {
    const present = keep(await LobbySession.host(url(), 'Present'));
    const away = await rawMember(() => new Client(url()).create(MATCH_ROOM, identity('Away')));
    away.connection.close(); // a reload in progress: the seat is held for the reconnection grace (30 s)
    const created = await call(`/matchmake/create/${MATCH_ROOM}`, '127.0.0.2');
    const spam = (JSON.parse(created.body) as { room: { roomId: string } }).room.roomId;
    let renewals = 0;
    // Colyseus alone keeps a room alive while any seat is reserved: renew one every 300 ms.
    for (let renewal = await call(`/matchmake/joinById/${spam}`, '127.0.0.3'); reserved(renewal); renewal = await call(`/matchmake/joinById/${spam}`, '127.0.0.3')) {
      renewals += 1;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(renewals).toBeGreaterThan(0);
    expect(await exists(spam)).toBe(false);
    // Both other rooms were idle-checked as long as the spam room: they are still there.
    expect(await exists(present.welcome.code)).toBe(true);
    expect(await exists(away.roomId)).toBe(true);
  });
});

describe('the public games list order', () => {
  const { url, origin, keep } = useSuiteLobby();

  it('puts games with a free seat first, fuller ones before emptier ones', async () => {
    const full = keep(await LobbySession.host(url(), 'Full', { isPublic: true, maxPlayers: 2 }));
    keep(await LobbySession.join(url(), full.welcome.code, 'Guest'));
    const empty = keep(await LobbySession.host(url(), 'Empty', { isPublic: true, maxPlayers: 4 }));
    const busy = keep(await LobbySession.host(url(), 'Busy', { isPublic: true, maxPlayers: 4 }));
    keep(await LobbySession.join(url(), busy.welcome.code, 'Guest'));
    const codes = [busy, empty, full].map((session) => session.welcome.code);
    const listed = await readUntil('all three games listed', async () => expectOk(await fetchGameList(origin())), (games) => games.filter((game) => game.players > 0).length === 3 && games.find((game) => game.code === busy.welcome.code)?.players === 2);
    expect(listed.map((game) => game.code)).toEqual(codes);
  });
});
