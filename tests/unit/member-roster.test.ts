import { describe, expect, it } from 'vitest';
import { MemberRoster } from '../../server/rooms/member-roster.js';

function roster(...names: string[]): MemberRoster {
  const members = new MemberRoster();
  for (const name of names) members.add({ id: name, name, playerKey: `key-of-${name}` });
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
    expect(members.othersThan('ann')).toEqual([{ id: 'ben', name: 'ben' }]);
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
});
