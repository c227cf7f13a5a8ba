/**
 * A seeded pseudo-random generator (mulberry32). The network simulator draws loss, jitter and
 * duplication from it so a test run with the same seed sees exactly the same network.
 */
export type Random = () => number;

/** Returns a generator of floats in [0, 1) that repeats exactly for the same 32-bit seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
