import { describe, expect, it } from 'vitest';
import { admit } from '../../server/rooms/admission.js';
import { keyTagOf } from '../../server/rooms/key-tag.js';
import { MemberRoster, type Member } from '../../server/rooms/member-roster.js';
import type { JoinOptions } from '../../src/protocol/lobby-messages.js';

/** The member called `name`, from the browser whose key is `key-of-<name>`; "watch…" names spectate. */
function member(name: string): Member {
  const playerKey = `key-of-${name}`;
  return { id: name, name, playerKey, keyTag: keyTagOf('ABCDEF', playerKey), sessionId: `s-${name}`, spectator: name.startsWith('watch'), ready: false };
}

function roster(...names: string[]): MemberRoster {
  const members = new MemberRoster();
  for (const name of names) members.add(member(name));
  return members;
}

/** Admission of peer id `id` from the browser with key `playerKey` into an open 8-player game. */
function admitting(members: MemberRoster, id: string, playerKey: string): ReturnType<typeof admit> {
  const options: JoinOptions = { name: id, playerKey, peerId: id, spectate: false };
  return admit(members, options, keyTagOf('ABCDEF', playerKey), { maxPlayers: 8, locked: false });
}

describe('member roster rules', () => {
  it('gives the flag to the player who opens the room, vacates it when the holder goes away or leaves', () => {
    const members = roster('ann', 'ben', 'cat');
    expect(members.hostId).toBe('ann');
    expect(members.remove('ben')).toBe(false);
    expect(members.setAway('ann', true)).toBe(true);
    expect(members.hostId).toBeUndefined();
    expect(members.setAway('ann', false)).toBe(false);
    expect(members.hostId).toBeUndefined(); // back from a reload without a world: it does not lead
    expect(members.keeper).toBe('ann'); // but as the longest-present player it keeps the vacant flag
    expect(members.migrate('ann', 'cat')).toEqual({ ok: true, value: 'cat' });
    expect(members.remove('cat')).toBe(true);
    expect(members.hostName).toBe('');
  });

  it('never lets a late entrant take a vacant flag by entering', () => {
    const members = roster('ann', 'ben');
    members.setAway('ann', true);
    members.add(member('cat'));
    expect(members.hostId).toBeUndefined();
    expect(members.keeper).toBe('ben');
  });

  it('lets only the host kick another member, and bans the kicked key', () => {
    const members = roster('ann', 'ben', 'cat');
    expect(members.kick('ben', 'cat')).toMatchObject({ ok: false });
    expect(members.kick('ann', 'ann')).toMatchObject({ ok: false });
    expect(members.kick('ann', 'nobody')).toMatchObject({ ok: false });
    expect(members.kick('ann', 'cat')).toMatchObject({ ok: true, value: { id: 'cat' } });
    expect(members.isBanned('key-of-cat')).toBe(true);
    expect(members.has('cat')).toBe(false);
    expect(members.othersThan('ann')).toEqual([{ id: 'ben', name: 'ben', spectator: false, ready: false, keyTag: member('ben').keyTag }]);
  });

  it('accepts a migration only from the keeper: the present holder, or while vacant the longest-present player', () => {
    const members = roster('ann', 'ben', 'cat');
    expect(members.migrate('ben', 'ben')).toMatchObject({ ok: false, reason: expect.stringContaining('only it can hand it over') });
    expect(members.migrate('cat', 'ben')).toMatchObject({ ok: false }); // a third member
    expect(members.migrate('mallory', 'mallory')).toMatchObject({ ok: false }); // not a member
    expect(members.migrate('ann', 'nobody')).toMatchObject({ ok: false });
    expect(members.migrate('ann', 'ben')).toEqual({ ok: true, value: 'ben' }); // handing over
    members.setAway('ben', true);
    expect(members.migrate('cat', 'cat')).toMatchObject({ ok: false, reason: expect.stringContaining('ann keeps it') });
    expect(members.migrate('ann', 'ben')).toMatchObject({ ok: false, reason: expect.stringContaining('not connected') });
    expect(members.migrate('ann', 'cat')).toEqual({ ok: true, value: 'cat' });
    expect(members.hostId).toBe('cat');
  });

  it('never gives the flag to a spectator, and counts players and spectators apart', () => {
    const members = roster('watcher', 'ann', 'watch2', 'ben');
    expect(members.hostId).toBe('ann');
    expect([members.players, members.spectators]).toEqual([2, 2]);
    expect(members.migrate('ann', 'watcher')).toMatchObject({ ok: false, reason: expect.stringContaining('spectator') });
    expect(members.remove('ann')).toBe(true);
    expect(members.keeper).toBe('ben'); // never a spectator, even one who came first
    expect(members.hostId).toBeUndefined();
  });

  it('keeps ready flags for players only, and finds a seat by its current session', () => {
    const members = roster('ann', 'watcher');
    expect(members.setReady('ann', true)).toBe(true);
    expect(members.setReady('ann', true)).toBe(false);
    expect(members.setReady('watcher', true)).toBe(false);
    expect(members.info('ann')).toMatchObject({ ready: true });
    members.moveSeat('ann', 's-new');
    expect(members.bySession('s-ann')).toBeUndefined();
    expect(members.bySession('s-new')?.id).toBe('ann');
  });

  it('lists a re-created game in its original join order, whatever order its members re-enter in', () => {
    const members = new MemberRoster();
    members.rankBy(['ann', 'ben', 'cat'], new Map());
    for (const name of ['cat', 'ann', 'newcomer', 'ben']) members.add(member(name));
    expect(members.othersThan('newcomer').map((member) => member.id)).toEqual(['ann', 'ben', 'cat']);
    expect(members.othersThan('ann').map((member) => member.id)).toEqual(['ben', 'cat', 'newcomer']);
    expect(members.hostId).toBe('cat'); // the creator holds the flag...
    expect(members.remove('cat')).toBe(true);
    expect(members.keeper).toBe('ann'); // ...and the original order decides who keeps it next
  });

  it('keeps a peer id bound to the browser that held it, after it left too, and across a re-creation', () => {
    const members = roster('ann', 'ben');
    expect(admitting(members, 'ben', 'key-of-mallory')).toMatchObject({ code: 'id-taken', reason: expect.stringContaining('already in this game') });
    members.remove('ben'); // gone for good: its slot and score wait in the match
    expect(admitting(members, 'ben', 'key-of-mallory')).toMatchObject({ code: 'id-owned', reason: 'peer id ben belongs to another player of this game' });
    expect(admitting(members, 'ben', 'key-of-ben')).toBe('new'); // the same browser comes back as itself
    expect(admitting(members, 'mallory', 'key-of-mallory')).toBe('new');

    // After a lobby restart the re-creating peer vouches for the ids it saw, with their tags.
    const recreated = new MemberRoster();
    recreated.rankBy(['ann', 'ben', 'cat'], new Map([['ann', member('ann').keyTag], ['ben', member('ben').keyTag]]));
    recreated.add(member('ann'));
    expect(admitting(recreated, 'ben', 'key-of-mallory')).toMatchObject({ code: 'id-owned', reason: expect.stringContaining('belongs to another player') });
    expect(admitting(recreated, 'ben', 'key-of-ben')).toBe('new');
    expect(admitting(recreated, 'cat', 'key-of-mallory')).toBe('new'); // no tag known: the lobby's first word stands
  });
});
