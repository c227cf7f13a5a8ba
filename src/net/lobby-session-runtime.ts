import { systemScheduler, type Scheduler } from '../time/scheduler.js';
import { lobbyTransport } from './colyseus-lobby.js';
import type { EntryOptions } from './lobby-entry.js';
import { DEFAULT_REATTACH, type ReattachPolicy } from './lobby-reattach.js';
import type { LobbyEndpoint, LobbyTransport } from './lobby-transport.js';

/* How a LobbySession runs: its options, with every default filled in, and its timers. */

/** Options of a session beyond how it enters: how it comes back after losing the lobby. */
export interface SessionOptions extends EntryOptions {
  readonly reattach?: ReattachPolicy;
  /** Timers of retries and re-entry (real time unless a test or simulation injects its own). */
  readonly scheduler?: Scheduler;
  /** Jitter of re-entry backoff; Math.random unless a simulation injects a seeded one. */
  readonly random?: () => number;
}

/** How a session runs, with every default filled in. */
export interface SessionRuntime {
  readonly lobby: LobbyTransport;
  readonly policy: ReattachPolicy;
  readonly scheduler: Scheduler;
  readonly random: () => number;
}

/** The options with their defaults: the transport for the endpoint, the default re-entry policy, real time. */
export function runtime(endpoint: LobbyEndpoint, options: SessionOptions): SessionRuntime {
  return {
    lobby: lobbyTransport(endpoint),
    policy: options.reattach ?? DEFAULT_REATTACH,
    scheduler: options.scheduler ?? systemScheduler,
    random: options.random ?? Math.random,
  };
}

/** Resolves after `ms` on the session's scheduler. */
export function delay(scheduler: Scheduler, ms: number): Promise<void> {
  return new Promise((resolve) => {
    scheduler.after(ms, resolve);
  });
}
