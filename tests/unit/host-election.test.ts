import { describe, expect, it } from 'vitest';
import { EPOCH_WINDOW, isLaterEpoch, isNewerEpoch, MAX_EPOCH, nextEpoch } from '../../src/protocol/epoch.js';
import { electHost } from '../../src/session/host-election.js';

const joinOrder = ['alice', 'bob', 'carol', 'dave'];
const all = (): boolean => true;

describe('host election', () => {
  it('picks the longest-present eligible member', () => {
    expect(electHost({ joinOrder, eligible: all, flagHolder: undefined })).toBe('alice');
    expect(electHost({ joinOrder, eligible: (id) => id !== 'alice', flagHolder: undefined })).toBe('bob');
    expect(electHost({ joinOrder, eligible: (id) => id === 'dave', flagHolder: undefined })).toBe('dave');
    expect(electHost({ joinOrder: [], eligible: all, flagHolder: undefined })).toBeUndefined();
  });

  it('prefers the lobby flag holder the caller found fit to lead', () => {
    expect(electHost({ joinOrder, eligible: all, flagHolder: 'carol' })).toBe('carol');
    expect(electHost({ joinOrder, eligible: (id) => id !== 'alice', flagHolder: undefined })).toBe('bob');
  });

  it('gives every survivor the same answer from the same view', () => {
    const eligible = (id: string): boolean => id !== 'alice' && id !== 'bob';
    const answers = ['carol', 'dave'].map(() => electHost({ joinOrder, eligible, flagHolder: undefined }));
    expect(new Set(answers)).toEqual(new Set(['carol']));
  });
});

describe('epochs (16-bit serial numbers)', () => {
  it('wraps instead of overflowing, and still orders reigns across the wrap', () => {
    expect(nextEpoch(MAX_EPOCH)).toBe(0);
    expect(isNewerEpoch(0, MAX_EPOCH)).toBe(true);
    expect(isNewerEpoch(MAX_EPOCH, 0)).toBe(false);
    expect(isNewerEpoch(3, MAX_EPOCH - 1)).toBe(true);
  });

  it('accepts a newer reign only within the window, never an equal or older one', () => {
    expect(isNewerEpoch(5, 4)).toBe(true);
    expect(isNewerEpoch(4 + EPOCH_WINDOW, 4)).toBe(true);
    expect(isNewerEpoch(5 + EPOCH_WINDOW, 4)).toBe(false);
    expect(isNewerEpoch(4, 4)).toBe(false);
    expect(isNewerEpoch(3, 4)).toBe(false);
    expect(isNewerEpoch(MAX_EPOCH, 0)).toBe(false);
  });

  it('lets our own host renumber by any amount the short way round, never back', () => {
    expect(isLaterEpoch(4 + EPOCH_WINDOW + 1, 4)).toBe(true);
    expect(isLaterEpoch(2, MAX_EPOCH - 100)).toBe(true);
    expect(isLaterEpoch(3, 4)).toBe(false);
    expect(isLaterEpoch(4, 4)).toBe(false);
  });
});
