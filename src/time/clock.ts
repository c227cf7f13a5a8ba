/**
 * Time is injected everywhere above the sim: tests drive a ManualClock and get the same result
 * every run; the browser and the server use the monotonic system clock.
 */
export interface Clock {
  /** Milliseconds on a monotonic timeline; only differences are meaningful. */
  now(): number;
}

/** The real monotonic clock (performance.now exists in browsers and in Node). */
export const systemClock: Clock = {
  now: () => performance.now(),
};

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  advance(milliseconds: number): void {
    if (milliseconds < 0) throw new Error('ManualClock cannot go backwards');
    this.current += milliseconds;
  }
}
