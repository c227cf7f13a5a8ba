import { DEFAULT_SNAPSHOT_BUDGET_BYTES, encodeWithinBudget } from './budgeted-encoder.js';
import { PriorityAccumulator } from './priority.js';
import { emptyState, type QuantizedState } from './quantized-state.js';
import type { SnapshotSchema } from './schema.js';

/** What one snapshot to one peer consists of, before framing. */
export interface OutgoingSnapshot {
  readonly tick: number;
  /** Tick of the state the body is a delta against; −1 for a full snapshot. */
  readonly baselineTick: number;
  readonly body: Uint8Array;
}

interface SentSnapshot {
  readonly tick: number;
  readonly view: QuantizedState;
  readonly carried: ArrayLike<number>;
}

/**
 * The host's side of one peer's snapshot stream. It remembers what it sent (the state the peer
 * will hold after decoding each snapshot) and encodes every new snapshot as a delta against the
 * newest one the peer has acknowledged: a lost packet never breaks the chain, because nothing
 * refers to a snapshot the peer did not confirm. Without an acknowledged snapshot still in the
 * ring (join, long loss), it sends a full snapshot.
 */
export class SnapshotSender {
  private readonly ring: (SentSnapshot | undefined)[];
  private baseline: SentSnapshot | undefined;
  /** Acknowledgements up to this tick predate the peer's restart (see `restart`) and are ignored. */
  private restartedAfter = -1;
  private newestSent = -1;
  private readonly priorities = new PriorityAccumulator();
  /** Snapshots sent, how many carried every change (the rest left some for later), and their body bytes. */
  readonly sent = { snapshots: 0, complete: 0, bodyBytes: 0 };

  constructor(
    private readonly schema: SnapshotSchema,
    ringSize = 32,
    private readonly budgetBytes = DEFAULT_SNAPSHOT_BUDGET_BYTES,
  ) {
    this.ring = new Array<SentSnapshot | undefined>(ringSize);
  }

  /** The peer says it holds the snapshot of `tick` (acks ride on its input packets). */
  acknowledge(tick: number): void {
    if (tick <= this.restartedAfter || (this.baseline && tick <= this.baseline.tick)) return;
    const sent = this.ring[tick % this.ring.length];
    if (sent?.tick !== tick) return;
    this.baseline = sent;
    this.priorities.acknowledge(sent.carried);
  }

  /**
   * The peer threw away what it held (it started following us afresh and said hello again): the
   * next snapshot is full, and acknowledgements still in flight from before do not count.
   */
  restart(): void {
    this.baseline = undefined;
    this.restartedAfter = this.newestSent;
  }

  /** Tick of the newest snapshot encoded for this peer, or −1 before the first. */
  get newestSentTick(): number {
    return this.newestSent;
  }

  /** Tick of the acknowledged baseline, or −1 when the next snapshot will be full. */
  get baselineTick(): number {
    return this.baseline?.tick ?? -1;
  }

  /**
   * Encodes `current` (what this peer may see of the world) for this peer and remembers what the
   * peer will hold. `budgetBytes` overrides the constructor's for this snapshot (a share of the
   * host's upload); `weight` ranks entities when not every change fits.
   */
  encode(current: QuantizedState, options: { readonly budgetBytes?: number; readonly weight?: (id: number) => number } = {}): OutgoingSnapshot {
    const baseline = this.baseline && this.isInRing(this.baseline) ? this.baseline : undefined;
    const encoded = encodeWithinBudget(this.schema, baseline?.view ?? emptyState(), current, this.priorities, options.budgetBytes ?? this.budgetBytes, options.weight);
    this.ring[current.tick % this.ring.length] = { tick: current.tick, view: encoded.view, carried: encoded.carried };
    this.newestSent = Math.max(this.newestSent, current.tick);
    this.sent.snapshots += 1;
    if (encoded.complete) this.sent.complete += 1;
    this.sent.bodyBytes += encoded.bytes.byteLength;
    return { tick: current.tick, baselineTick: baseline?.tick ?? -1, body: encoded.bytes };
  }

  /** A baseline older than the ring can no longer be matched to an acknowledgement; start over. */
  private isInRing(sent: SentSnapshot): boolean {
    return this.ring[sent.tick % this.ring.length] === sent;
  }
}
