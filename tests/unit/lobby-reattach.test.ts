import { describe, expect, it } from 'vitest';
import { DEFAULT_REATTACH, reattachDelay } from '../../src/net/lobby-reattach.js';
import { wantsToSpectate } from '../../src/view/route.js';

describe('re-entering the lobby room: backoff', () => {
  it('doubles from 250 ms up to a 5 s ceiling, with half of each delay random', () => {
    const low = (attempt: number) => reattachDelay(attempt, DEFAULT_REATTACH, () => 0);
    const high = (attempt: number) => reattachDelay(attempt, DEFAULT_REATTACH, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6].map(high)).toEqual([250, 500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    expect([0, 1, 5].map(low)).toEqual([125, 250, 2_500]);
    expect(high(10_000)).toBe(5_000); // no overflow after many attempts
  });
});

describe('spectating through the invite link', () => {
  it('reads ?spectate from the page address', () => {
    expect(wantsToSpectate('?spectate')).toBe(true);
    expect(wantsToSpectate('?renderer=canvas&spectate=1')).toBe(true);
    expect(wantsToSpectate('')).toBe(false);
    expect(wantsToSpectate('?spectator')).toBe(false);
  });
});
