import type { Clock } from './clock.js';

/**
 * Turns irregular wake-ups (timers, animation frames) into a whole number of fixed simulation
 * steps. After a long pause (a stalled tab, a debugger) it clamps the debt instead of running
 * hundreds of catch-up steps in one burst (the "spiral of death").
 */
export class FixedStepAccumulator {
  private last: number;
  private debt = 0;

  constructor(
    private readonly clock: Clock,
    private readonly stepMs: number,
    private readonly maxStepsPerCall = 5,
  ) {
    if (!(stepMs > 0)) throw new Error(`step must be positive, got ${stepMs}`);
    this.last = clock.now();
  }

  /** Returns how many steps are due since the previous call. */
  due(): number {
    const now = this.clock.now();
    this.debt += now - this.last;
    this.last = now;
    const steps = Math.floor(this.debt / this.stepMs);
    if (steps > this.maxStepsPerCall) {
      this.debt = 0;
      return this.maxStepsPerCall;
    }
    this.debt -= steps * this.stepMs;
    return steps;
  }

  /** Fraction of a step already elapsed, for rendering between the last two states. */
  get alpha(): number {
    return this.debt / this.stepMs;
  }
}
