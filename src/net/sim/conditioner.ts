import type { Scheduler } from '../../time/scheduler.js';
import { Channel } from '../peer-link.js';
import { networkConditions, type NetworkConditions } from './conditions.js';

/** What the conditioner did to the messages it was given, for tests and the debug overlay. */
export interface ConditionerCounters {
  /** Deliveries scheduled (a duplicate counts twice). */
  deliveries: number;
  lost: number;
  duplicated: number;
  reordered: number;
}

/**
 * Beyond this much queueing delay behind the bandwidth cap, unreliable messages are dropped, as
 * a router's full buffer would; reliable ones keep queueing (SCTP would keep retransmitting).
 */
const MAX_UNRELIABLE_QUEUE_MS = 500;
/** How long a reordered message is held back at least, when latency alone gives no room. */
const MIN_REORDER_HOLD_MS = 10;

/**
 * Applies NetworkConditions to one direction of one link: decides, with a seeded PRNG and the
 * injected scheduler, when (and whether, and how often) each message is delivered. Shared by the
 * in-memory LoopbackLink and the SimulatedLink wrapper around real links.
 */
export class Conditioner {
  readonly counters: ConditionerCounters = { deliveries: 0, lost: 0, duplicated: 0, reordered: 0 };
  private current: NetworkConditions;
  private busyUntil = 0;
  private lastReliableAt = 0;
  /** Reliable messages in flight, in send order; see passReliable. */
  private readonly reliableQueue: (() => void)[] = [];
  private readonly pending = new Set<() => void>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly random: () => number,
    conditions: Partial<NetworkConditions> = {},
  ) {
    this.current = networkConditions(conditions);
  }

  get conditions(): NetworkConditions {
    return this.current;
  }

  /** Changes the knobs from now on; messages already in flight keep their fate. */
  set(conditions: Partial<NetworkConditions>): void {
    this.current = networkConditions({ ...this.current, ...conditions });
  }

  /**
   * True when this direction is a perfect network with nothing in flight: a message may then skip
   * the conditioner (no timer, no PRNG draw) without overtaking anything. SimulatedLink uses it so
   * a simulator that is always present costs nothing until someone makes the network worse.
   */
  get passesThrough(): boolean {
    const { latencyMs, jitterMs, loss, duplicate, reorder, bandwidthBytesPerSecond } = this.current;
    const perfect = latencyMs === 0 && jitterMs === 0 && loss === 0 && duplicate === 0 && reorder === 0;
    return perfect && bandwidthBytesPerSecond === Number.POSITIVE_INFINITY && this.pending.size === 0;
  }

  /** Bytes waiting behind the bandwidth cap, as a real sender's bufferedAmount would show them. */
  get bufferedAmount(): number {
    const rate = this.current.bandwidthBytesPerSecond;
    if (!Number.isFinite(rate)) return 0;
    return Math.max(0, Math.round(((this.busyUntil - this.scheduler.now()) * rate) / 1000));
  }

  /** Schedules the delivery of one message (or none, or two). */
  pass(channel: Channel, bytes: Uint8Array, deliver: (bytes: Uint8Array) => void): void {
    const departAt = this.depart(channel, bytes.byteLength);
    if (departAt === undefined) return;
    if (channel === Channel.Reliable) {
      this.passReliable(departAt, bytes, deliver);
      return;
    }
    if (this.random() < this.current.loss) {
      this.counters.lost += 1;
      return;
    }
    let at = departAt + this.delay();
    if (this.random() < this.current.reorder) {
      this.counters.reordered += 1;
      at += Math.max(MIN_REORDER_HOLD_MS, this.current.latencyMs);
    }
    this.schedule(at, () => deliver(bytes));
    if (this.random() < this.current.duplicate) {
      this.counters.duplicated += 1;
      this.schedule(departAt + this.delay(), () => deliver(bytes));
    }
  }

  /** Cancels every delivery still in flight (the link closed). */
  dispose(): void {
    for (const cancel of this.pending) cancel();
    this.pending.clear();
  }

  /** When the message leaves the sender, after those queued before it; undefined: dropped. */
  private depart(channel: Channel, size: number): number | undefined {
    const now = this.scheduler.now();
    const rate = this.current.bandwidthBytesPerSecond;
    if (!Number.isFinite(rate)) return now;
    const start = Math.max(now, this.busyUntil);
    if (channel === Channel.Unreliable && start - now > MAX_UNRELIABLE_QUEUE_MS) {
      this.counters.lost += 1;
      return undefined;
    }
    this.busyUntil = start + (size * 1000) / rate;
    return this.busyUntil;
  }

  /**
   * In order, never lost: a loss costs one retransmission (about a round trip) of delay. Real
   * timers with different delays may fire out of order, so a message's timer first delivers
   * every message queued before it.
   */
  private passReliable(departAt: number, bytes: Uint8Array, deliver: (bytes: Uint8Array) => void): void {
    let at = departAt + this.delay();
    if (this.random() < this.current.loss) at += 2 * Math.max(this.current.latencyMs, MIN_REORDER_HOLD_MS);
    at = Math.max(at, this.lastReliableAt);
    this.lastReliableAt = at;
    const entry = (): void => deliver(bytes);
    this.reliableQueue.push(entry);
    this.schedule(at, () => {
      if (!this.reliableQueue.includes(entry)) return;
      for (let next = this.reliableQueue.shift(); next; next = next === entry ? undefined : this.reliableQueue.shift()) next();
    });
  }

  private delay(): number {
    const { latencyMs, jitterMs } = this.current;
    return Math.max(0, latencyMs + (this.random() * 2 - 1) * jitterMs);
  }

  private schedule(at: number, task: () => void): void {
    this.counters.deliveries += 1;
    const cancel = this.scheduler.after(at - this.scheduler.now(), () => {
      this.pending.delete(cancel);
      task();
    });
    this.pending.add(cancel);
  }
}
