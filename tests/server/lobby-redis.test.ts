import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchGameList } from '../../src/net/games-list.js';
import { LobbySession } from '../../src/net/lobby-client.js';
import { expectOk } from '../support/expect-ok.js';
import { startScaledLobby, type LobbyProcess } from '../support/lobby-process.js';
import { startRedis, type RedisProcess } from '../support/redis-process.js';
import { present, readUntil, waitFor } from '../support/wait.js';

const wsOf = (lobby: LobbyProcess): string => lobby.origin.replace(/^http/, 'ws');

describe('two lobby processes sharing a real redis-server', () => {
  let redis: RedisProcess | undefined;
  let a: LobbyProcess | undefined;
  let b: LobbyProcess | undefined;
  const sessions: LobbySession[] = [];
  const keep = (session: LobbySession): LobbySession => {
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    redis = await startRedis();
    [a, b] = await Promise.all([startScaledLobby(redis.url), startScaledLobby(redis.url)]);
  });

  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.leave()));
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('lists a game hosted via A on B, joins it through B by code, and relays signals both ways', async () => {
    const lobbyA = present(a, 'A');
    const lobbyB = present(b, 'B');
    const host = keep(expectOk(await LobbySession.host(wsOf(lobbyA), 'Alice', { isPublic: true, gameName: 'Shared' })));
    const code = host.welcome.code;
    const listedOnB = await readUntil('B to list the game', async () => expectOk(await fetchGameList(lobbyB.origin)), (games) => games.some((game) => game.code === code));
    expect(listedOnB.find((game) => game.code === code)).toMatchObject({ gameName: 'Shared', hostName: 'Alice', players: 1 });

    const guest = keep(expectOk(await LobbySession.join(wsOf(lobbyB), code, 'Bob')));
    expect(guest.welcome.hostId).toBe(host.selfId);
    const atHost: string[] = [];
    const atGuest: string[] = [];
    host.events.on('signal', ({ data }) => atHost.push(data));
    guest.events.on('signal', ({ data }) => atGuest.push(data));
    host.sendSignal(guest.selfId, 'offer from A');
    guest.sendSignal(host.selfId, 'answer via B');
    await waitFor('signals both ways', () => atHost.length === 1 && atGuest.length === 1);
    expect([atHost, atGuest]).toEqual([['answer via B'], ['offer from A']]);
  });

  it('drops the games of a crashed (SIGKILLed) process from the list within seconds', async () => {
    const lobbyB = present(b, 'B');
    const doomed = await startScaledLobby(present(redis, 'redis').url);
    const host = expectOk(await LobbySession.host(wsOf(doomed), 'Ghost', { isPublic: true }));
    const listed = async () => expectOk(await fetchGameList(lobbyB.origin));
    await readUntil('B to list the doomed game', listed, (games) => games.some((game) => game.code === host.welcome.code));
    await doomed.crash();
    await readUntil('the ghost game to leave B\'s list', listed, (games) => games.every((game) => game.code !== host.welcome.code), 15_000);
    await host.leave();
  });
});
