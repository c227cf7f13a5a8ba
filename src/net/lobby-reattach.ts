/**
 * When the lobby connection drops without us leaving (lobby restart, network blip), the session
 * enters the room again: the peer that hosts the match re-creates it under the same code, the
 * others join it by code, each under its own peer id. Attempts are spaced by a bounded, jittered
 * exponential backoff, so a restarted lobby is not hit by every peer of every game at once.
 */
export interface ReattachPolicy {
  /** First delay, doubled after every failed attempt. */
  readonly minDelayMs: number;
  /** Ceiling of the delay. */
  readonly maxDelayMs: number;
  /** A player re-creates the room itself when it has not appeared this long (the host may be gone too). */
  readonly adoptAfterMs: number;
  /** Then the session gives up and reports `disconnected`. */
  readonly giveUpAfterMs: number;
}

export const DEFAULT_REATTACH: ReattachPolicy = {
  minDelayMs: 250,
  maxDelayMs: 5_000,
  adoptAfterMs: 15_000,
  giveUpAfterMs: 10 * 60_000,
};

/**
 * Delay before attempt `attempt` (0-based): min · 2^attempt capped at max, then "equal jitter"
 * (half fixed, half random) so peers that lost the lobby together spread out but none waits
 * longer than the cap.
 */
export function reattachDelay(attempt: number, policy: ReattachPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}
