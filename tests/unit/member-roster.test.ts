import { describe, expect, it } from 'vitest';
import { MemberRoster } from '../../server/rooms/member-roster.js';

/** Names starting with "watch" join as spectators. */
function roster(...names: string[]): MemberRoster {
  const members = new MemberRoster();
  for (const name of names) {
    members.add({ id: name, name, playerKey: `key-of-${name}`, sessionId: `s-${name}`, spectator: name.startsWith('watch'), ready: false });
  }
  return members;
}

describe('member roster rules', () => {
  it('gives the flag to the first member and passes it to the longest-present one', () => {
    const members = roster('ann', 'ben', 'cat');
    expect(members.hostId).toBe('ann');
    expect(members.remove('ben')).toBeUndefined();
    expect(members.remove('ann')).toBe('cat');
    expect(members.hostName).toBe('cat');
  });

  it('lets only the host kick another member, and bans the kicked key', () => {
    const members = roster('ann', 'ben', 'cat');
    expect(members.kick('ben', 'cat')).toMatchObject({ ok: false });
    expect(members.kick('ann', 'ann')).toMatchObject({ ok: false });
    expect(members.kick('ann', 'nobody')).toMatchObject({ ok: false });
    expect(members.kick('ann', 'cat')).toMatchObject({ ok: true, value: { id: 'cat' } });
    expect(members.isBanned('key-of-cat')).toBe(true);
    expect(members.has('cat')).toBe(false);
    expect(members.othersThan('ann')).toEqual([{ id: 'ben', name: 'ben', spectator: false, ready: false }]);
  });

  it('accepts a migration from the new host or the current host, naming a member', () => {
    const members = roster('ann', 'ben', 'cat');
    expect(members.migrate('cat', 'ben')).toMatchObject({ ok: false }); // a third member
    expect(members.migrate('mallory', 'mallory')).toMatchObject({ ok: false }); // not a member
    expect(members.migrate('ben', 'nobody')).toMatchObject({ ok: false });
    expect(members.migrate('ben', 'ben')).toEqual({ ok: true, value: 'ben' });
    expect(members.migrate('ben', 'cat')).toEqual({ ok: true, value: 'cat' }); // handing over
    expect(members.hostId).toBe('cat');
  });

  it('never gives the flag to a spectator, and counts players and spectators apart', () => {
    const members = roster('watcher', 'ann', 'watch2', 'ben');
    expect(members.hostId).toBe('ann');
    expect([members.players, members.spectators]).toEqual([2, 2]);
    expect(members.migrate('ann', 'watcher')).toMatchObject({ ok: false, reason: expect.stringContaining('spectator') });
    expect(members.remove('ann')).toBe('ben');
    expect(members.remove('ben')).toBeUndefined();
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
    members.rankBy(['ann', 'ben', 'cat']);
    for (const name of ['cat', 'ann', 'newcomer', 'ben']) {
      members.add({ id: name, name, playerKey: `key-${name}`, sessionId: `s-${name}`, spectator: false, ready: false });
    }
    expect(members.othersThan('newcomer').map((member) => member.id)).toEqual(['ann', 'ben', 'cat']);
    expect(members.othersThan('ann').map((member) => member.id)).toEqual(['ben', 'cat', 'newcomer']);
    expect(members.hostId).toBe('cat'); // the creator holds the flag...
    expect(members.remove('cat')).toBe('ann'); // ...and passes it on in the original order
  });
});
