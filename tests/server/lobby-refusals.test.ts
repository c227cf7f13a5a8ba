import { describe, expect, it } from 'vitest';
import { colyseusLobby } from '../../src/net/colyseus-lobby.js';
import { LobbySession, newPlayerKey } from '../../src/net/lobby-client.js';
import { LobbyEntryError } from '../../src/net/lobby-transport.js';
import { classifyRefusal } from '../../src/protocol/lobby-refusal.js';
import { newPeerId } from '../../src/protocol/peer-id.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { waitFor } from '../support/wait.js';

/** The refusal code an entry attempt ends with; undefined when it was let in. */
async function refusal(attempt: Promise<{ leave(): Promise<void> }>): Promise<string | undefined> {
  try {
    await (await attempt).leave();
    return undefined;
  } catch (error: unknown) {
    return error instanceof LobbyEntryError ? error.code : `not a LobbyEntryError: ${String(error)}`;
  }
}

const player = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name, playerKey: newPlayerKey(), peerId: newPeerId(), ...extra });

describe('lobby refusals carry a stable code (real Colyseus)', () => {
  const { url, keep } = useSuiteLobby();

  it('says which refusal each one is, whatever status it shares', async () => {
    const lobby = colyseusLobby(url());
    expect(await refusal(lobby.quickJoin(player('Early')))).toBe('no-public-game');
    expect(await refusal(lobby.joinById('ZZZZZZ', player('Lost')))).toBe('not-found');
    expect(await refusal(lobby.reconnect('ZZZZZZ:nosuchseat'))).toBe('seat-gone'); // the game is gone
    expect(await refusal(lobby.create(player('Bad', { maxPlayers: 99 })))).toBe('bad-request');

    const host = keep(await LobbySession.host(url(), 'Host', { maxPlayers: 2 }));
    const code = host.welcome.code;
    expect(await refusal(lobby.reconnect(`${code}:nosuchseat`))).toBe('seat-gone'); // the game is there, the seat is not
    expect(await refusal(lobby.create(player('Copycat', { code })))).toBe('code-taken');
    expect(await refusal(lobby.joinById(code, player('Impostor', { peerId: host.selfId })))).toBe('id-taken');
    const guestKey = newPlayerKey();
    const guest = keep(await LobbySession.join(url(), code, 'Guest', { playerKey: guestKey }));
    expect(await refusal(lobby.joinById(code, player('Third')))).toBe('full');
    host.kick(guest.selfId);
    await waitFor('the guest to be gone', () => !host.members.has(guest.selfId));
    expect(await refusal(lobby.joinById(code, player('Guest again', { playerKey: guestKey })))).toBe('kicked');
    host.lock(true);
    await waitFor('the lock', () => host.locked);
    expect(await refusal(lobby.joinById(code, player('Late')))).toBe('locked');
  });

  it('reads codes it does not know as unknown, and refusals without a code by their status', () => {
    expect(classifyRefusal(409, '[full] this game is full')).toEqual({ code: 'full', reason: 'this game is full' });
    expect(classifyRefusal(409, '[from-the-future] a newer lobby')).toEqual({ code: 'unknown', reason: 'a newer lobby' });
    expect(classifyRefusal(409, '[constructor] not one of ours')).toEqual({ code: 'unknown', reason: 'not one of ours' });
    expect(classifyRefusal(429, 'Too Many Requests')).toEqual({ code: 'rate-limited', reason: 'Too Many Requests' });
    expect(classifyRefusal(undefined, 'fetch failed')).toEqual({ code: 'unreachable', reason: 'fetch failed' });
    expect(classifyRefusal(418, 'teapot')).toEqual({ code: 'unknown', reason: 'teapot' });
  });
});
