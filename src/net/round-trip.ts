/**
 * Turns ping/pong round trips into a smoothed RTT, a jitter figure and a loss rate. Smoothing
 * and jitter follow TCP's retransmission-timer estimator (RFC 6298): srtt moves 1/8 of the way to
 * each sample, and jitter is the smoothed mean deviation from srtt (1/4 of the way). Loss counts
 * the pings of a recent window that got no pong in time: it is round-trip loss, both directions.
 */
export class RoundTripEstimator {
  private readonly outstanding = new Map<number, number>();
  private readonly outcomes: boolean[] = [];
  private smoothed: number | undefined;
  private deviation = 0;

  constructor(
    /** A ping unanswered for this long counts as lost (a later pong is ignored). */
    private readonly lostAfterMs: number,
    /** How many recent pings the loss rate looks at. */
    private readonly window = 40,
  ) {}

  /** Smoothed round-trip time in ms; undefined until the first pong. */
  get rttMs(): number | undefined {
    return this.smoothed;
  }

  /** Smoothed mean deviation of the round-trip time, in ms. */
  get jitterMs(): number {
    return this.deviation;
  }

  /** Fraction (0–1) of recent pings that got no answer in time. */
  get loss(): number {
    if (this.outcomes.length === 0) return 0;
    return this.outcomes.filter((answered) => !answered).length / this.outcomes.length;
  }

  /** Records a ping sent now. */
  sent(seq: number, now: number): void {
    this.outstanding.set(seq, now);
  }

  /** Records a pong; unknown, duplicate or late pongs are ignored. */
  answered(seq: number, now: number): void {
    const sentAt = this.outstanding.get(seq);
    if (sentAt === undefined) return;
    this.outstanding.delete(seq);
    this.record(true);
    const sample = now - sentAt;
    if (this.smoothed === undefined) {
      this.smoothed = sample;
      this.deviation = sample / 2;
      return;
    }
    this.deviation += (Math.abs(this.smoothed - sample) - this.deviation) / 4;
    this.smoothed += (sample - this.smoothed) / 8;
  }

  /** Counts the pings that waited too long as lost. */
  expire(now: number): void {
    for (const [seq, sentAt] of this.outstanding) {
      if (now - sentAt < this.lostAfterMs) continue;
      this.outstanding.delete(seq);
      this.record(false);
    }
  }

  private record(answered: boolean): void {
    this.outcomes.push(answered);
    if (this.outcomes.length > this.window) this.outcomes.shift();
  }
}
