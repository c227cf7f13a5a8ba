import type { Scheduler } from '../time/scheduler.js';

/** Browsers run a hidden tab's timers at most once a second (Chrome aligns them to whole seconds). */
const HIDDEN_TIMER_ALIGNMENT_MS = 1_000;

/**
 * One page's view of the simulation's clock: the shared scheduler, except that while the page is
 * hidden its timers fire only on whole seconds, as a background tab's do. Network events (link
 * messages) are not timers and are not delayed.
 */
export class PageScheduler implements Scheduler {
  hidden = false;

  constructor(private readonly shared: Scheduler) {}

  now(): number {
    return this.shared.now();
  }

  after(delayMs: number, task: () => void): () => void {
    if (!this.hidden) return this.shared.after(delayMs, task);
    const due = this.now() + delayMs;
    const aligned = Math.ceil(due / HIDDEN_TIMER_ALIGNMENT_MS) * HIDDEN_TIMER_ALIGNMENT_MS;
    return this.shared.after(aligned - this.now(), task);
  }
}
