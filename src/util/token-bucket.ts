/** How fast a bucket refills and how much it holds: `burst` tokens, `perSecond` added each second. */
export interface RateLimit {
  readonly burst: number;
  readonly perSecond: number;
}

/**
 * A token bucket: allows short bursts (a WebRTC handshake sends an offer and a dozen candidates;
 * a player sends a few chat lines in a row) while capping the sustained rate. Time is passed in,
 * so tests need no real clock.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    nowMs: number,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = nowMs;
  }

  /** Takes one token if there is one; false means "over the limit, drop this". */
  take(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when the bucket is back to full, i.e. forgetting it changes nothing. */
  isFull(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= this.limit.burst;
  }

  private refill(nowMs: number): void {
    const elapsedSeconds = Math.max(0, nowMs - this.updatedAt) / 1000;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsedSeconds * this.limit.perSecond);
    this.updatedAt = nowMs;
  }
}
