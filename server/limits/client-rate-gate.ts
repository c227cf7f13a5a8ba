import { TokenBucket, type RateLimit } from './token-bucket.js';

/** At most one notice per client per second: answering a flood must not cost more than the flood. */
const NOTICE_INTERVAL_MS = 1_000;

/** `pass`: handle the message. `drop`: ignore it silently. `notify`: ignore it and tell the client once. */
export type GateVerdict = 'pass' | 'drop' | 'notify';

/**
 * Per-client token buckets for one room's messages. Entries live as long as the member does:
 * the room calls `forget` when a member is gone, so memory follows the member count.
 */
export class ClientRateGate {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly noticedAt = new Map<string, number>();
  /** Messages dropped for rate since the room started (logged; visible in tests). */
  dropped = 0;

  constructor(private readonly limit: RateLimit) {}

  admit(sessionId: string, nowMs: number): GateVerdict {
    let bucket = this.buckets.get(sessionId);
    if (!bucket) {
      bucket = new TokenBucket(this.limit, nowMs);
      this.buckets.set(sessionId, bucket);
    }
    if (bucket.take(nowMs)) return 'pass';
    this.dropped += 1;
    if (nowMs - (this.noticedAt.get(sessionId) ?? -Infinity) < NOTICE_INTERVAL_MS) return 'drop';
    this.noticedAt.set(sessionId, nowMs);
    return 'notify';
  }

  forget(sessionId: string): void {
    this.buckets.delete(sessionId);
    this.noticedAt.delete(sessionId);
  }
}
