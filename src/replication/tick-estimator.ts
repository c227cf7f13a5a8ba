/**
 * Estimates which host tick it is "now" on the client, from snapshot arrivals, so the client can
 * render a fixed delay behind the host. Packets that arrive early pull the estimate up quickly
 * (they reveal the true, least-delayed path); late ones pull it down slowly, so jitter does not
 * shake the timeline.
 */
export class TickEstimator {
  private offset: number | undefined;
  private jitter = 0;

  constructor(
    private readonly tickMs: number,
    private readonly riseRate = 0.2,
    private readonly fallRate = 0.02,
    private readonly snapTicks = 60,
  ) {}

  /** Records that a snapshot of `tick` arrived at local time `nowMs`. */
  observe(tick: number, nowMs: number): void {
    const sample = tick - nowMs / this.tickMs;
    if (this.offset === undefined || Math.abs(sample - this.offset) > this.snapTicks) {
      this.offset = sample;
      return;
    }
    const rate = sample > this.offset ? this.riseRate : this.fallRate;
    // Jitter: a smoothed mean deviation of arrivals from the estimated timeline, in ticks.
    this.jitter += (Math.abs(sample - this.offset) - this.jitter) * 0.1;
    this.offset += (sample - this.offset) * rate;
  }

  /** How much snapshot arrival times wander, in ticks (smoothed mean deviation). */
  get jitterTicks(): number {
    return this.jitter;
  }

  /** The host tick estimated for local time `nowMs`, or undefined before any snapshot. */
  hostTickAt(nowMs: number): number | undefined {
    return this.offset === undefined ? undefined : nowMs / this.tickMs + this.offset;
  }
}
