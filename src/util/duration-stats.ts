/** Summary of recent durations, in ms. */
export interface DurationSummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/**
 * The last `capacity` durations of something that repeats (a frame, a loop step), for the net
 * overlay and the frame-budget measurement. Fixed memory; the summary sorts a copy on demand.
 */
export class DurationStats {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;
  private recorded = 0;

  constructor(capacity = 600) {
    this.samples = new Float64Array(capacity);
  }

  add(ms: number): void {
    this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.samples.length;
    this.filled = Math.min(this.filled + 1, this.samples.length);
    this.recorded += 1;
  }

  /** How many durations were ever added (the summary covers only the last `capacity`). */
  get total(): number {
    return this.recorded;
  }

  /** Times `run` and records it. */
  time<T>(run: () => T): T {
    const start = performance.now();
    try {
      return run();
    } finally {
      this.add(performance.now() - start);
    }
  }

  summary(): DurationSummary {
    const sorted = Array.from(this.samples.subarray(0, this.filled)).sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    const sum = sorted.reduce((total, value) => total + value, 0);
    return { count: sorted.length, meanMs: sorted.length ? sum / sorted.length : 0, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1] ?? 0 };
  }
}
