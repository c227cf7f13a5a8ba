import { describe, expect, it } from 'vitest';
import { electHost, supersedes } from '../../src/session/host-election.js';

const order = ['alice', 'bob', 'carol', 'dave'];

describe('host election', () => {
  it('picks the longest-present member that is still alive', () => {
    expect(electHost(order, () => true)).toBe('alice');
    expect(electHost(order, (id) => id !== 'alice')).toBe('bob');
    expect(electHost(order, (id) => id === 'dave')).toBe('dave');
    expect(electHost([], () => true)).toBeUndefined();
  });

  it('gives every survivor the same answer from the same view', () => {
    const alive = (id: string): boolean => id !== 'alice' && id !== 'bob';
    const answers = ['carol', 'dave'].map(() => electHost(order, alive));
    expect(new Set(answers)).toEqual(new Set(['carol']));
  });
});

describe('host claims (split brain)', () => {
  it('follows a higher epoch, whoever makes it', () => {
    expect(supersedes({ hostId: 'dave', epoch: 3 }, { hostId: 'alice', epoch: 2 }, order)).toBe(true);
    expect(supersedes({ hostId: 'alice', epoch: 2 }, { hostId: 'dave', epoch: 3 }, order)).toBe(false);
  });

  it('settles two claims of one epoch on the earlier-joined member, from either side', () => {
    const bob = { hostId: 'bob', epoch: 2 };
    const carol = { hostId: 'carol', epoch: 2 };
    expect(supersedes(bob, carol, order)).toBe(true);
    expect(supersedes(carol, bob, order)).toBe(false);
    expect(supersedes(bob, bob, order)).toBe(false);
  });

  it('ranks a claimant it never heard of last', () => {
    expect(supersedes({ hostId: 'mallory', epoch: 2 }, { hostId: 'dave', epoch: 2 }, order)).toBe(false);
  });
});
