import { Client } from 'colyseus.js';
import { describe, expect, it } from 'vitest';
import { LobbySession, newPlayerKey } from '../../src/net/lobby-client.js';
import { MATCH_ROOM } from '../../src/protocol/lobby-messages.js';
import { newPeerId } from '../../src/protocol/peer-id.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { waitFor } from '../support/wait.js';

/** The options a host re-creating its game sends. */
const recreate = (code: unknown) => ({ name: 'Host', playerKey: newPlayerKey(), peerId: newPeerId(), code });

describe('re-creating a game under its code (real Colyseus)', () => {
  const { url, origin, keep } = useSuiteLobby();

  it('creates a room under a requested code that no room has, with the settings asked for', async () => {
    const room = await new Client(url()).create(MATCH_ROOM, { ...recreate('K7M2QX'), isPublic: true, maxPlayers: 3 });
    expect(room.roomId).toBe('K7M2QX');
    const guest = keep(await LobbySession.join(url(), 'k7m-2qx', 'Guest'));
    expect(guest.welcome.game).toMatchObject({ isPublic: true, maxPlayers: 3 });
    await room.leave();
  });

  it('refuses a code some room already has, whether it was drawn or requested', async () => {
    const host = keep(await LobbySession.host(url(), 'Host'));
    const taken = new Client(url()).create(MATCH_ROOM, recreate(host.welcome.code));
    await expect(taken).rejects.toThrow(`game ${host.welcome.code} already exists`);
    const first = await new Client(url()).create(MATCH_ROOM, recreate('H4RD9Z'));
    await expect(new Client(url()).create(MATCH_ROOM, recreate('H4RD9Z'))).rejects.toThrow('already exists');
    await first.leave();
  });

  it.each([
    ['lower case', 'k7m2qx'],
    ['a dash', 'K7M-2QX'],
    ['an ambiguous character', 'K7M2Q0'],
    ['the wrong length', 'K7M2Q'],
    ['a number', 123456],
  ])('refuses a requested code with %s', async (_label, code) => {
    await expect(new Client(url()).create(MATCH_ROOM, recreate(code))).rejects.toThrow(/code must be an invite code/);
  });

  it('lists members in the order the re-creating host gives, and refuses a malformed order', async () => {
    const [first, second] = ['first-peer-01', 'second-peer-2'];
    const host = await new Client(url()).create(MATCH_ROOM, { ...recreate('Q8W4ZT'), peerId: 'the-host-0001', order: ['the-host-0001', first, second] });
    keep(await LobbySession.join(url(), 'Q8W4ZT', 'Second', { peerId: second }));
    keep(await LobbySession.join(url(), 'Q8W4ZT', 'First', { peerId: first }));
    const newcomer = keep(await LobbySession.join(url(), 'Q8W4ZT', 'New'));
    expect(newcomer.welcome.members.map((member) => member.id)).toEqual(['the-host-0001', first, second]);
    await host.leave();
    for (const order of ['x', ['bad id'], [first, first], Array.from({ length: 65 }, (_, index) => `peer-${String(index).padStart(4, '0')}`)]) {
      await expect(new Client(url()).create(MATCH_ROOM, { ...recreate('Q8W4ZU'), order })).rejects.toThrow(/order must be a list/);
    }
    await expect(new Client(url()).create(MATCH_ROOM, { ...recreate('Q8W4ZU'), locked: 'yes' })).rejects.toThrow(/locked must be true or false/);
  });

  it('tells a spectator who is back before any player of a re-created game to try again (409), not that it is wrong (400)', async () => {
    // A create whose seat is reserved but not yet taken: the room exists, empty, as right after a re-creation.
    const reserved = await fetch(`${origin()}/matchmake/create/${MATCH_ROOM}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(recreate('W3XR7N')),
    });
    expect(reserved.status).toBe(200);
    const early = await new Client(url()).joinById('W3XR7N', { name: 'Watcher', playerKey: newPlayerKey(), peerId: newPeerId(), spectate: true }).catch((error: unknown) => error);
    expect(early).toMatchObject({ code: 409, message: '[not-yet] nobody is playing this game yet' });
  });

  it('keeps a peer id with the browser that held it: refused to another after it left, and in a re-created room by its key tag', async () => {
    const host = keep(await LobbySession.host(url(), 'Host'));
    const code = host.welcome.code;
    const benKey = newPlayerKey();
    const ben = keep(await LobbySession.join(url(), code, 'Ben', { playerKey: benKey }));
    const [benId, benTag] = [ben.selfId, ben.welcome.keyTag];
    expect(host.members.get(benId)?.keyTag).toBe(benTag);
    await ben.leave();
    await waitFor('the host to hear Ben left', () => !host.members.has(benId));
    const stranger = { name: 'Mallory', playerKey: newPlayerKey(), peerId: benId };
    await expect(new Client(url()).joinById(code, stranger)).rejects.toThrow(`peer id ${benId} belongs to another player of this game`);
    const back = keep(await LobbySession.join(url(), code, 'Ben', { playerKey: benKey, peerId: benId }));
    expect(back.welcome.keyTag).toBe(benTag); // same browser, same game: the same tag

    // A re-creation under another code vouches for Ben's id with his tag: a stranger is refused, Ben is not.
    const recreated = await new Client(url()).create(MATCH_ROOM, { ...recreate('M5TR2K'), order: [benId], keyTags: { [benId]: 'x'.repeat(22) } });
    await expect(new Client(url()).joinById('M5TR2K', stranger)).rejects.toThrow('belongs to another player');
    await expect(new Client(url()).joinById('M5TR2K', { ...stranger, playerKey: benKey })).rejects.toThrow('belongs to another player'); // the tag is per game
    await recreated.leave();
    await expect(new Client(url()).create(MATCH_ROOM, { ...recreate('M5TR2N'), order: [benId], keyTags: { other_peer_01: benTag } })).rejects.toThrow(/keyTags must map/);
  });
});
