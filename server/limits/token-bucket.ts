import { TokenBucket, type RateLimit } from '../../src/util/token-bucket.js';

/** The bucket itself lives in src/util: peers rate-limit chat with it too. */
export { TokenBucket, type RateLimit };

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
