import { ManualClock, systemClock, type Clock } from './clock.js';

/**
 * A clock that can also run a function later. Link liveness (pings, silence checks) and the
 * network simulator (delayed delivery) need timers; taking them from here instead of calling
 * setTimeout lets a test drive a whole network with a manual clock, deterministically.
 */
export interface Scheduler extends Clock {
  /** Runs `task` once, `delayMs` from now; returns a function that cancels it. */
  after(delayMs: number, task: () => void): () => void;
}

/** The real timers, on the monotonic system clock. */
export const systemScheduler: Scheduler = {
  now: () => systemClock.now(),
  after: (delayMs, task) => {
    const handle = setTimeout(task, delayMs);
    return () => {
      clearTimeout(handle);
    };
  },
};

/**
 * Runs `task` every `intervalMs` on `scheduler` until the returned function is called: a loop
 * that a simulation drives with its manual clock like any other timer.
 */
export function every(scheduler: Scheduler, intervalMs: number, task: () => void): () => void {
  let cancelNext = (): void => undefined;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    cancelNext = scheduler.after(intervalMs, run);
    task();
  };
  cancelNext = scheduler.after(intervalMs, run);
  return () => {
    stopped = true;
    cancelNext();
  };
}

interface Task {
  readonly at: number;
  readonly order: number;
  readonly run: () => void;
}

/**
 * Time moves only in `advance`, which runs every task that falls due, in time order (ties in
 * the order they were scheduled), with the clock set to each task's own time.
 */
export class ManualScheduler implements Scheduler {
  private tasks: Task[] = [];
  private scheduled = 0;

  constructor(readonly clock: ManualClock = new ManualClock()) {}

  now(): number {
    return this.clock.now();
  }

  after(delayMs: number, task: () => void): () => void {
    const entry: Task = { at: this.now() + Math.max(0, delayMs), order: this.scheduled++, run: task };
    this.tasks.push(entry);
    return () => {
      this.tasks = this.tasks.filter((other) => other !== entry);
    };
  }

  /** Moves time forward by `milliseconds`, running what falls due on the way. */
  advance(milliseconds: number): void {
    const end = this.now() + milliseconds;
    for (let next = this.nextDue(end); next; next = this.nextDue(end)) {
      this.tasks = this.tasks.filter((other) => other !== next);
      this.clock.advance(next.at - this.now());
      next.run();
    }
    this.clock.advance(end - this.now());
  }

  /** How many tasks are waiting (a test can check that a closed link left no timers). */
  get pending(): number {
    return this.tasks.length;
  }

  private nextDue(end: number): Task | undefined {
    let best: Task | undefined;
    for (const task of this.tasks) {
      if (task.at > end) continue;
      if (!best || task.at < best.at || (task.at === best.at && task.order < best.order)) best = task;
    }
    return best;
  }
}
