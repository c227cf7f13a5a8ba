import { describe, expect, it } from 'vitest';
import { LobbySession } from '../../src/net/lobby-client.js';
import { LobbyErrorCode, type LobbyErrorPayload } from '../../src/protocol/lobby-messages.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { waitFor } from '../support/wait.js';

/** Collects a session's lobby errors. */
function errorsOf(session: LobbySession): LobbyErrorPayload[] {
  const errors: LobbyErrorPayload[] = [];
  session.events.on('lobby-error', (error) => errors.push(error));
  return errors;
}

describe('host powers: kick, lock, host flag (real Colyseus)', () => {
  const { url, keep } = useSuiteLobby();

  it('lets the host kick a member, who cannot rejoin from the same browser; others can still join', async () => {
    const host = keep(await LobbySession.host(url(), 'Host'));
    const code = host.welcome.code;
    const malloryKey = 'mallory-browser-key-0001';
    const mallory = keep(await LobbySession.join(url(), code, 'Mallory', { playerKey: malloryKey }));
    let kicked = false;
    let disconnected = false;
    mallory.events.on('kicked', () => (kicked = true));
    mallory.events.on('disconnected', () => (disconnected = true));
    const bob = keep(await LobbySession.join(url(), code, 'Bob'));
    const bobErrors = errorsOf(bob);

    bob.kick(host.selfId);
    await waitFor('bob to be refused', () => bobErrors.length === 1);
    expect(bobErrors[0]?.code).toBe(LobbyErrorCode.NotHost);

    host.kick(mallory.selfId);
    await waitFor('mallory to be kicked and disconnected', () => kicked && disconnected);
    await waitFor('bob to see mallory leave', () => !bob.members.has(mallory.selfId));
    const again = await LobbySession.join(url(), code, 'Mallory', { playerKey: malloryKey });
    expect(again).toMatchObject({ ok: false, reason: 'The host removed you from this game.' });
    keep(await LobbySession.join(url(), code, 'Carol'));
  });

  it('lets the host lock and reopen the game; only the host may', async () => {
    const host = keep(await LobbySession.host(url(), 'Host'));
    const bob = keep(await LobbySession.join(url(), host.welcome.code, 'Bob'));
    const bobErrors = errorsOf(bob);
    bob.lock(true);
    await waitFor('bob to be refused', () => bobErrors.length === 1);
    expect(bobErrors[0]?.code).toBe(LobbyErrorCode.NotHost);

    host.lock(true);
    await waitFor('bob to see the lock', () => bob.locked);
    expect(await LobbySession.join(url(), host.welcome.code, 'Late')).toMatchObject({ ok: false, reason: expect.stringContaining('locked') });
    await bob.leave(); // a member leaving does not reopen a game the host locked
    expect(await LobbySession.join(url(), host.welcome.code, 'Late')).toMatchObject({ ok: false });
    host.lock(false);
    await waitFor('the host to see the game reopened', () => !host.locked);
    const late = keep(await LobbySession.join(url(), host.welcome.code, 'Late'));
    expect(late.welcome.game.locked).toBe(false);
  });

  it('moves the host flag only at its keeper\'s word: the holder hands it over, nobody takes it while the holder is here', async () => {
    const alice = keep(await LobbySession.host(url(), 'Alice'));
    const bob = keep(await LobbySession.join(url(), alice.welcome.code, 'Bob'));
    const carol = keep(await LobbySession.join(url(), alice.welcome.code, 'Carol'));
    const outsider = keep(await LobbySession.host(url(), 'Outsider'));
    const [bobErrors, carolErrors, outsiderErrors] = [errorsOf(bob), errorsOf(carol), errorsOf(outsider)];

    bob.reportHostMigration(bob.selfId); // claims the flag for itself while its holder is here
    carol.reportHostMigration(bob.selfId); // a third member cannot move the flag onto someone else
    carol.reportHostMigration('nobody-in-here');
    outsider.reportHostMigration(bob.selfId); // not a member of that game: names a non-member of its own
    await waitFor('four refusals', () => bobErrors.length === 1 && carolErrors.length === 2 && outsiderErrors.length === 1);
    expect([...bobErrors, ...carolErrors, ...outsiderErrors].map((error) => error.code)).toEqual(Array(4).fill(LobbyErrorCode.BadMigration));
    expect(bobErrors[0]?.message).toContain('only it can hand it over');
    bob.kick(carol.selfId); // and so keeps none of the host's powers
    await waitFor('the kick to be refused', () => bobErrors.length === 2);
    expect(bobErrors[1]?.code).toBe(LobbyErrorCode.NotHost);
    expect(carol.hostId).toBe(alice.selfId);

    alice.reportHostMigration(bob.selfId); // the holder hands it over
    await waitFor('everyone to see bob host', () => [alice, bob, carol].every((session) => session.hostId === bob.selfId));
    const dave = keep(await LobbySession.join(url(), alice.welcome.code, 'Dave'));
    expect(dave.welcome.hostId).toBe(bob.selfId);
    bob.kick(alice.selfId); // the flag carries the host's powers
    await waitFor('alice to be gone', () => !carol.members.has(alice.selfId));
  });

  it('vacates the flag when its holder goes away; then only the longest-present player connected may move it', async () => {
    const alice = keep(await LobbySession.host(url(), 'Alice'));
    const bob = keep(await LobbySession.join(url(), alice.welcome.code, 'Bob'));
    const carol = keep(await LobbySession.join(url(), alice.welcome.code, 'Carol'));
    const carolErrors = errorsOf(carol);
    await alice.leave();
    await waitFor('the flag to be vacant for everyone', () => bob.hostId === undefined && carol.hostId === undefined);
    carol.reportHostMigration(carol.selfId); // not the keeper: bob has been here longer
    await waitFor('carol to be refused', () => carolErrors.length === 1);
    expect(carolErrors[0]?.message).toContain('keeps it');
    bob.reportHostMigration(carol.selfId); // the keeper names the match's host
    await waitFor('everyone to see carol host', () => bob.hostId === carol.selfId && carol.hostId === carol.selfId);
  });
});
