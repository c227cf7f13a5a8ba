/** How fast a bucket refills and how much it holds: `burst` tokens, `perSecond` added each second. */
export interface RateLimit {
  readonly burst: number;
  readonly perSecond: number;
}

/**
 * A token bucket: allows short bursts (a WebRTC handshake sends an offer and a dozen candidates
 * at once) while capping the sustained rate. Time is passed in, so tests need no real clock.
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

/**
 * One bucket per key (an IP address). Full buckets are forgotten on `sweep`, and the number of
 * keys is capped, so a flood of distinct addresses cannot grow memory without bound: once the
 * cap is reached, unknown keys are refused until a sweep makes room.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys: number,
  ) {}

  /** Takes a token from `key`'s bucket; false means the caller must refuse the request. */
  take(key: string, nowMs: number): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.sweep(nowMs);
      if (this.buckets.size >= this.maxKeys) return false;
      bucket = new TokenBucket(this.limit, nowMs);
      this.buckets.set(key, bucket);
    }
    return bucket.take(nowMs);
  }

  /** Drops buckets that have refilled completely. */
  sweep(nowMs: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(nowMs)) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}
