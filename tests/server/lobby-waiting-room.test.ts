import { describe, expect, it } from 'vitest';
import { fetchGameList } from '../../src/net/games-list.js';
import { LobbySession } from '../../src/net/lobby-client.js';
import { MAX_SPECTATORS } from '../../src/protocol/player-count.js';
import { LobbyErrorCode, type LobbyErrorPayload } from '../../src/protocol/lobby-messages.js';
import { expectOk } from '../support/expect-ok.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { readUntil, waitFor } from '../support/wait.js';

function errorsOf(session: LobbySession): LobbyErrorPayload[] {
  const errors: LobbyErrorPayload[] = [];
  session.events.on('lobby-error', (error) => errors.push(error));
  return errors;
}

describe('waiting room and spectators (real Colyseus)', () => {
  const { url, origin, keep } = useSuiteLobby();
  const entryOf = (code: string) => async () => expectOk(await fetchGameList(origin())).find((game) => game.code === code);

  it('shares ready flags, lets only the host start, and tells late joiners the game started', async () => {
    const host = keep(await LobbySession.host(url(), 'Host', { isPublic: true }));
    const code = host.welcome.code;
    expect(host.welcome).toMatchObject({ started: false, spectator: false, ready: false });
    const bob = keep(await LobbySession.join(url(), code, 'Bob'));
    const changes: { id: string; ready: boolean }[] = [];
    host.events.on('ready-changed', (change) => changes.push(change));

    bob.setReady(true);
    bob.setReady(true); // no change: not broadcast again
    await waitFor('bob to see his own ready flag confirmed', () => bob.ready);
    await waitFor('the host to see bob ready', () => host.members.get(bob.selfId)?.ready === true);
    expect(changes).toEqual([{ id: bob.selfId, ready: true }]);
    const carol = keep(await LobbySession.join(url(), code, 'Carol'));
    expect(carol.welcome.members.map(({ name, ready }) => [name, ready])).toEqual([['Host', false], ['Bob', true]]);

    const bobErrors = errorsOf(bob);
    bob.start();
    await waitFor('bob to be refused', () => bobErrors.length === 1);
    expect(bobErrors[0]?.code).toBe(LobbyErrorCode.NotHost);
    expect(bob.started).toBe(false);
    let startedEvents = 0;
    carol.events.on('started', () => (startedEvents += 1));
    host.start();
    await waitFor('everyone to see the game started', () => [host, bob, carol].every((session) => session.started));
    expect(startedEvents).toBe(1);
    await readUntil('the list to show it playing', entryOf(code), (game) => game?.status === 'playing');

    const late = keep(await LobbySession.join(url(), code, 'Late')); // a started game stays joinable
    expect(late.welcome.started).toBe(true);
    bob.setReady(false);
    await waitFor('the host to see bob not ready', () => host.members.get(bob.selfId)?.ready === false);
    // Gone from the list, so the next test's quick join has only its own public game to consider.
    await Promise.all([host, bob, carol, late].map((session) => session.leave()));
    await readUntil('the game to leave the list', entryOf(code), (game) => game === undefined);
  });

  it('admits spectators beyond maxPlayers, counts them apart, never as host or ready', async () => {
    const host = keep(await LobbySession.host(url(), 'Host', { isPublic: true, maxPlayers: 2 }));
    const code = host.welcome.code;
    keep(await LobbySession.join(url(), code, 'Second'));
    expect(await LobbySession.join(url(), code, 'Third')).toMatchObject({ ok: false, reason: expect.stringContaining('full') });
    const joined: { id: string; spectator: boolean }[] = [];
    host.events.on('member-joined', ({ id, spectator }) => joined.push({ id, spectator }));
    const watchers: LobbySession[] = [];
    for (let index = 0; index < MAX_SPECTATORS; index += 1) {
      watchers.push(keep(await LobbySession.join(url(), code, `W${index}`, { spectate: true })));
    }
    const [first] = watchers;
    expect(first?.spectator).toBe(true);
    expect(first?.welcome.members.map((member) => member.spectator)).toEqual([false, false]);
    expect(await LobbySession.join(url(), code, 'W-extra', { spectate: true })).toMatchObject({ ok: false, reason: expect.stringContaining('full') });
    await waitFor('the host to hear of every spectator', () => joined.length === MAX_SPECTATORS);
    expect(joined.every((member) => member.spectator)).toBe(true);
    const listed = await readUntil('the list to count spectators apart', entryOf(code), (game) => game?.spectators === MAX_SPECTATORS);
    expect(listed).toMatchObject({ players: 2, maxPlayers: 2 });
    // The only public game has no player seat: quick join finds nothing (spectator seats do not count).
    expect(await LobbySession.quickJoin(url(), 'Quick')).toMatchObject({ ok: false });

    const errors = errorsOf(first ?? host);
    first?.setReady(true);
    await waitFor('the spectator to be refused a ready flag', () => errors.length === 1);
    expect(errors[0]?.code).toBe(LobbyErrorCode.NotPlayer);
    // Spectators never get the host flag: not from a migration report, not when the host leaves.
    const refused = errorsOf(first ?? host);
    first?.reportHostMigration(first.selfId);
    await waitFor('a spectator refused as host', () => refused.length === 1);
    expect(refused[0]?.code).toBe(LobbyErrorCode.BadMigration);
    await first?.leave();
    // A spectator seat is free now, no player seat: quick join passes over this game (listed
    // first) and takes a newer one with room.
    const open = keep(await LobbySession.host(url(), 'Open', { isPublic: true }));
    const quick = keep(await LobbySession.quickJoin(url(), 'Quick'));
    expect(quick.welcome.code).toBe(open.welcome.code);
  });

  it('refuses a spectator who would open a game, and one with a malformed spectate option', async () => {
    const host = keep(await LobbySession.host(url(), 'Host'));
    const spectatorHost = await LobbySession.host(url(), 'Watcher', {}, { spectate: true });
    expect(spectatorHost).toMatchObject({ ok: false, reason: expect.stringContaining('not a spectator') });
    const guest = keep(await LobbySession.join(url(), host.welcome.code, 'Guest', { spectate: true }));
    expect(guest.welcome.hostId).toBe(host.selfId);
    expect(guest.welcome.spectator).toBe(true);
  });
});
