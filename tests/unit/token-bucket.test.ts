import { describe, expect, it } from 'vitest';
import { ClientRateGate } from '../../server/limits/client-rate-gate.js';
import { KeyedBuckets, TokenBucket } from '../../server/limits/token-bucket.js';

describe('token buckets (time passed in, no real clock)', () => {
  it('allows a burst, then the refill rate, never more than the burst after a pause', () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true); // 0.5 s at 2/s is one token
    expect(bucket.isFull(60_000)).toBe(true);
    expect([bucket.take(60_000), bucket.take(60_000), bucket.take(60_000), bucket.take(60_000)]).toEqual([true, true, true, false]);
  });

  it('keeps one bucket per key, forgets full ones, and refuses new keys at the cap', () => {
    const buckets = new KeyedBuckets({ burst: 1, perSecond: 1 }, 2);
    expect(buckets.take('a', 0)).toBe(true);
    expect(buckets.take('a', 0)).toBe(false);
    expect(buckets.take('b', 0)).toBe(true);
    expect(buckets.take('c', 0)).toBe(false); // two keys tracked, neither full: no room
    expect(buckets.take('c', 1_000)).toBe(true); // a and b refilled and were swept
    buckets.sweep(10_000);
    expect(buckets.size).toBe(0);
  });

  it('tells a flooding client once per second and counts every drop', () => {
    const gate = new ClientRateGate({ burst: 1, perSecond: 0.001 });
    const verdicts = [0, 1, 2, 999, 1_001].map((now) => gate.admit('s', now));
    expect(verdicts).toEqual(['pass', 'notify', 'drop', 'drop', 'notify']);
    expect(gate.dropped).toBe(4);
    gate.forget('s');
    expect(gate.admit('s', 1_002)).toBe('pass');
  });
});
