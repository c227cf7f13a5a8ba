import { describe, expect, it } from 'vitest';
import { ReignWitnesses } from '../../src/session/reign-witnesses.js';

describe('ReignWitnesses: what linked peers told us they follow', () => {
  const reachable = (id: string): boolean => id !== 'ann';
  const isPlayer = (): boolean => true;

  it('sees a game beyond our links while someone follows a host we cannot reach, until it says it lost that host', () => {
    const witnesses = new ReignWitnesses();
    witnesses.note('bea', { hostId: 'ann', epoch: 3 });
    expect(witnesses.gameBeyondReach(reachable, isPlayer)).toBe(true);
    expect(witnesses.followedByOthers('ann', 3)).toBe(true);
    witnesses.note('bea', { hostId: '', epoch: 0 });
    expect(witnesses.gameBeyondReach(reachable, isPlayer)).toBe(false);
    expect(witnesses.followedByOthers('ann', 3)).toBe(false);
  });

  it('knows a peer that follows a newer reign than ours will not take over ours', () => {
    const witnesses = new ReignWitnesses();
    witnesses.note('bea', { hostId: 'cem', epoch: 4 });
    witnesses.note('cem', { hostId: 'cem', epoch: 4 });
    expect(witnesses.followsNewerReign('bea', 3)).toBe(true);
    expect(witnesses.followsNewerReign('bea', 4)).toBe(false);
    expect(witnesses.followsNewerReign('cem', 3)).toBe(false); // a host names itself: it may well lead
    expect(witnesses.followsNewerReign('dee', 0)).toBe(false);
  });

  it('counts neither a host naming itself nor a host we reach, nor a follower whose link closed', () => {
    const witnesses = new ReignWitnesses();
    witnesses.note('ann', { hostId: 'ann', epoch: 0 });
    witnesses.note('cem', { hostId: 'bea', epoch: 1 });
    expect(witnesses.gameBeyondReach(reachable, isPlayer)).toBe(false);
    witnesses.note('dee', { hostId: 'ann', epoch: 0 });
    expect(witnesses.gameBeyondReach(reachable, isPlayer)).toBe(true);
    witnesses.forget('dee');
    expect(witnesses.gameBeyondReach(reachable, isPlayer)).toBe(false);
  });
});
