import { systemClock } from './clock.js';
import type { Scheduler } from './scheduler.js';

/** How often the worker beats while the page is hidden: as often as the match loop runs. */
const BEAT_MS = 4;
/** A beat newer than this says the worker keeps the page's timers on time. */
const BEAT_FRESH_MS = 250;
/**
 * The worker: beats every `data` ms after being told a positive interval, stops on 0. Its timers
 * are not throttled when the page is hidden, and its messages reach the page at once.
 */
const PACER_SOURCE = 'let beat;onmessage=(event)=>{clearInterval(beat);if(event.data>0)beat=setInterval(()=>postMessage(0),event.data);};';

interface Pending {
  readonly due: number;
  readonly run: () => void;
}

/**
 * The page's timers for the match (its loop, link pings, snapshots), kept on time in a hidden tab.
 * Browsers throttle a hidden page's timers (Chrome: to once a second, after minutes to once a
 * minute), which would stop a background host's game for everyone; a dedicated worker's timers are
 * not throttled. So while the page is hidden a tiny worker beats every 4 ms and each beat runs the
 * timers that are due; while it is visible the worker rests and setTimeout alone keeps time. Where
 * no worker can run (no Worker, a CSP without `worker-src blob:`), it is setTimeout alone, and
 * `keepsTime` says so: the page then hands its host role over when hidden.
 */
export class WorkerPacedScheduler implements Scheduler {
  private readonly pending = new Set<Pending>();
  private worker: Worker | undefined;
  private lastBeatAt = Number.NEGATIVE_INFINITY;
  private broken = false;
  /** What the worker was last told: beating or resting (told only on a change). */
  private beating = false;

  constructor(private readonly document: Document | undefined = globalThis.document) {
    this.document?.addEventListener('visibilitychange', () => this.pace());
  }

  now(): number {
    return systemClock.now();
  }

  after(delayMs: number, task: () => void): () => void {
    const entry: Pending = {
      due: this.now() + delayMs,
      run: () => {
        if (!this.pending.delete(entry)) return;
        clearTimeout(handle);
        task();
      },
    };
    this.pending.add(entry);
    // Whichever comes first runs the task: this timer (a visible page) or a worker beat (hidden).
    const handle = setTimeout(entry.run, delayMs);
    this.pace();
    return () => {
      this.pending.delete(entry);
      clearTimeout(handle);
    };
  }

  /** True while worker beats arrive: the timers here run on time although the page is hidden. */
  keepsTime(): boolean {
    return this.now() - this.lastBeatAt < BEAT_FRESH_MS;
  }

  /** Starts the worker's beat while the page is hidden and timers wait, and rests it otherwise. */
  private pace(): void {
    const beat = this.document?.visibilityState === 'hidden' && this.pending.size > 0;
    if (beat === this.beating) return;
    const worker = beat ? this.ensureWorker() : this.worker;
    if (worker === undefined) return;
    worker.postMessage(beat ? BEAT_MS : 0);
    this.beating = beat;
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker !== undefined || this.broken || typeof Worker === 'undefined') return this.worker;
    try {
      const url = URL.createObjectURL(new Blob([PACER_SOURCE], { type: 'text/javascript' }));
      this.worker = new Worker(url);
      URL.revokeObjectURL(url);
    } catch {
      this.broken = true;
      return undefined;
    }
    this.worker.addEventListener('message', this.beat);
    // A CSP that refuses blob: workers fails the load asynchronously: timers stay on setTimeout.
    this.worker.addEventListener('error', () => {
      this.broken = true;
      this.beating = false;
      this.worker?.terminate();
      this.worker = undefined;
    });
    return this.worker;
  }

  private readonly beat = (): void => {
    this.lastBeatAt = this.now();
    const now = this.lastBeatAt;
    for (const entry of [...this.pending]) if (entry.due <= now) entry.run();
  };
}
