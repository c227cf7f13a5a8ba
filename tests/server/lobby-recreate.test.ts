import { Client } from 'colyseus.js';
import { describe, expect, it } from 'vitest';
import { LobbySession, newPlayerKey } from '../../src/net/lobby-client.js';
import { MATCH_ROOM } from '../../src/protocol/lobby-messages.js';
import { newPeerId } from '../../src/protocol/peer-id.js';
import { useSuiteLobby } from '../support/suite-lobby.js';

/** The options a host re-creating its game sends. */
const recreate = (code: unknown) => ({ name: 'Host', playerKey: newPlayerKey(), peerId: newPeerId(), code });

describe('re-creating a game under its code (real Colyseus)', () => {
  const { url, keep } = useSuiteLobby();

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
});
