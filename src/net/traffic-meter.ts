/** Totals of what crossed a link, counted at the PeerLink boundary (link-level messages included). */
export interface TrafficTotals {
  bytesIn: number;
  bytesOut: number;
  messagesIn: number;
  messagesOut: number;
}

/** Traffic per second over the last completed measuring window. */
export interface TrafficRates {
  readonly bytesInPerSecond: number;
  readonly bytesOutPerSecond: number;
  readonly messagesInPerSecond: number;
  readonly messagesOutPerSecond: number;
}

const NO_TRAFFIC: TrafficRates = { bytesInPerSecond: 0, bytesOutPerSecond: 0, messagesInPerSecond: 0, messagesOutPerSecond: 0 };

/**
 * Counts bytes and messages each way and turns them into rates once per window, so the debug
 * overlay and the bench can show what a link carries without keeping per-message history.
 */
export class TrafficMeter {
  readonly totals: TrafficTotals = { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 };
  private lastRates: TrafficRates = NO_TRAFFIC;
  private windowStart: { readonly at: number; readonly totals: TrafficTotals };

  constructor(
    now: number,
    private readonly windowMs = 1000,
  ) {
    this.windowStart = { at: now, totals: { ...this.totals } };
  }

  get rates(): TrafficRates {
    return this.lastRates;
  }

  received(bytes: number): void {
    this.totals.bytesIn += bytes;
    this.totals.messagesIn += 1;
  }

  sent(bytes: number): void {
    this.totals.bytesOut += bytes;
    this.totals.messagesOut += 1;
  }

  /** Closes the window when it is over; call it regularly (the link's liveness tick does). */
  sample(now: number): void {
    const elapsed = now - this.windowStart.at;
    if (elapsed < this.windowMs) return;
    const start = this.windowStart.totals;
    const perSecond = (value: number): number => (value * 1000) / elapsed;
    this.lastRates = {
      bytesInPerSecond: perSecond(this.totals.bytesIn - start.bytesIn),
      bytesOutPerSecond: perSecond(this.totals.bytesOut - start.bytesOut),
      messagesInPerSecond: perSecond(this.totals.messagesIn - start.messagesIn),
      messagesOutPerSecond: perSecond(this.totals.messagesOut - start.messagesOut),
    };
    this.windowStart = { at: now, totals: { ...this.totals } };
  }
}
