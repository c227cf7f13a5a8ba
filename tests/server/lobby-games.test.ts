import { newPeerId } from '../../src/protocol/peer-id.js';
import { Client } from 'colyseus.js';
import { describe, expect, it } from 'vitest';
import { fetchGameList, fetchInvitation } from '../../src/net/games-list.js';
import { fail, ok } from '../../src/util/result.js';
import { LobbySession, newPlayerKey } from '../../src/net/lobby-client.js';
import { MATCH_ROOM } from '../../src/protocol/lobby-messages.js';
import { expectOk } from '../support/expect-ok.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { readUntil } from '../support/wait.js';

describe('public and private games, the live list and quick join (real Colyseus)', () => {
  const { url, origin, keep } = useSuiteLobby();
  const listed = async () => expectOk(await fetchGameList(origin()));
  const entryOf = (code: string) => async () => (await listed()).find((game) => game.code === code);

  it('lists a public game with its name, host, players/max and status, and updates it live', async () => {
    const host = keep(await LobbySession.host(url(), 'Alice', { isPublic: true, maxPlayers: 3, gameName: '  Friday   night ', variant: 'large' }));
    expect(host.welcome.game).toEqual({ gameName: 'Friday night', isPublic: true, maxPlayers: 3, variant: 'large', locked: false });
    const code = host.welcome.code;
    const entry = await readUntil('the game to be listed', entryOf(code), (game) => game !== undefined);
    expect(entry).toEqual({ code, gameName: 'Friday night', hostName: 'Alice', players: 1, maxPlayers: 3, spectators: 0, status: 'waiting', variant: 'large' });

    const guest = keep(await LobbySession.join(url(), code, 'Bob'));
    expect(guest.welcome.game.variant).toBe('large');
    await readUntil('the list to show two players waiting', entryOf(code), (game) => game?.players === 2 && game.status === 'waiting');
    host.start();
    await readUntil('the list to show the game playing', entryOf(code), (game) => game?.status === 'playing');
    await guest.leave();
    await host.leave();
    await readUntil('the ended game to leave the list', entryOf(code), (game) => game === undefined);
  });

  it('keeps private games out of the list and out of quick join, but joinable by code', async () => {
    const secret = keep(await LobbySession.host(url(), 'Carol', { gameName: 'Secret' }));
    expect(secret.welcome.game.isPublic).toBe(false);
    expect((await listed()).map((game) => game.code)).not.toContain(secret.welcome.code);
    const quick = await LobbySession.quickJoin(url(), 'Dave');
    expect(quick).toMatchObject({ ok: false, reason: expect.stringContaining('No public game has room') });
    keep(await LobbySession.join(url(), secret.welcome.code, 'Erin'));
  });

  it('quick join picks a public game with room and never a full one', async () => {
    const small = keep(await LobbySession.host(url(), 'Host', { isPublic: true, maxPlayers: 2 }));
    const first = keep(await LobbySession.quickJoin(url(), 'Q1'));
    expect(first.welcome.code).toBe(small.welcome.code);
    const full = await LobbySession.join(url(), small.welcome.code, 'Late');
    expect(full).toMatchObject({ ok: false, reason: 'This game is full.' });
    expect(await LobbySession.quickJoin(url(), 'Q2')).toMatchObject({ ok: false });
    await readUntil('the full game listed as 2/2', entryOf(small.welcome.code), (game) => game?.players === 2 && game.maxPlayers === 2);
  });

  it('refuses bad host options with a specific reason instead of guessing', async () => {
    const client = new Client(url());
    const tooMany = client.create(MATCH_ROOM, { name: 'X', playerKey: newPlayerKey(), peerId: newPeerId(), maxPlayers: 17 });
    await expect(tooMany).rejects.toThrow(/maxPlayers must be an integer from 2 to 16/);
    const notBoolean = client.create(MATCH_ROOM, { name: 'X', playerKey: newPlayerKey(), peerId: newPeerId(), isPublic: 'yes' });
    await expect(notBoolean).rejects.toThrow(/isPublic/);
    const noKey = client.create(MATCH_ROOM, { name: 'X' });
    await expect(noKey).rejects.toThrow(/playerKey/);
  });

  it('tells an invite page about the game its code names, private or locked, and that a wrong code names none', async () => {
    const host = keep(await LobbySession.host(url(), 'Hana', { gameName: 'Secret', maxPlayers: 4 }));
    const code = host.welcome.code;
    keep(await LobbySession.join(url(), code, 'Ivo', { spectate: true }));
    const invitation = expectOk(await fetchInvitation(origin(), code).then((lookup) => (lookup.kind === 'game' ? ok(lookup.game) : fail(lookup.kind))));
    expect(invitation).toEqual({ code, gameName: 'Secret', hostName: 'Hana', players: 1, maxPlayers: 4, spectators: 1, status: 'waiting', locked: false, variant: '' });
    host.lock(true);
    await readUntil('the lookup to say locked', () => fetchInvitation(origin(), code), (lookup) => lookup.kind === 'game' && lookup.game.locked);
    expect(await fetchInvitation(origin(), 'ZZZZZZ')).toEqual({ kind: 'no-game' });
    const malformed = await fetch(`${origin()}/games/abc`);
    expect([malformed.status, await malformed.json()]).toEqual([400, { error: expect.stringContaining('invite code') }]);
  });

  it('names a player who gave no name "Player N", unique in the game, everywhere the others see it', async () => {
    const host = keep(await LobbySession.host(url(), '   '));
    const guest = keep(await LobbySession.join(url(), host.welcome.code, ''));
    const named = keep(await LobbySession.join(url(), host.welcome.code, 'Player 3'));
    const third = keep(await LobbySession.join(url(), host.welcome.code, ''));
    expect([host.welcome.name, guest.welcome.name, named.welcome.name, third.welcome.name]).toEqual(['Player 1', 'Player 2', 'Player 3', 'Player 4']);
    expect([...third.members.values()].map((member) => member.name)).toEqual(['Player 1', 'Player 2', 'Player 3']);
  });
});
