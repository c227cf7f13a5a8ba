import { MAX_ORDER, type GameInfo } from '../protocol/lobby-game.js';
import type { Scheduler } from '../time/scheduler.js';
import { enterRoom, isCodeTaken, type Identity } from './lobby-entry.js';
import type { LobbyTransport } from './lobby-transport.js';

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
  adoptAfterMs: 6_000,
  giveUpAfterMs: 10 * 60_000,
};

/**
 * Delay before attempt `attempt` (0-based): min · 2^attempt capped at max, then "equal jitter"
 * (half fixed, half random) so peers that lost the lobby together spread out but none waits
 * longer than the cap.
 */
export function reattachDelay(attempt: number, policy: ReattachPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** What a session needs to enter its room again. */
export interface Reentry {
  readonly lobby: LobbyTransport;
  readonly scheduler: Scheduler;
  readonly code: string;
  readonly identity: Identity;
  readonly game: GameInfo;
  /** Peers in the order they first entered (see `parseRecreation`). */
  readonly order: readonly string[];
  /** The key tags we know of these peers: a re-created room admits their ids only from their browsers. */
  readonly keyTags: (peers: readonly string[]) => Readonly<Record<string, string>>;
  /** Re-create the room (the match's host, or any player once the room is overdue). */
  readonly create: boolean;
}

/** Re-creates the room under its code with its settings, or joins it; joins if someone re-created it first. */
export async function reenterRoom({ lobby, scheduler, code, identity, game, order, keyTags, create }: Reentry): ReturnType<typeof enterRoom> {
  if (create && !identity.spectate) {
    const { gameName, isPublic, maxPlayers, variant, locked } = game;
    const kept = order.slice(-MAX_ORDER);
    const options = { ...identity, gameName, isPublic, maxPlayers, variant, code, locked, order: kept, keyTags: keyTags(kept) };
    const created = await enterRoom(() => lobby.create(options), scheduler);
    if (created.ok || !isCodeTaken(created.error)) return created;
  }
  return enterRoom(() => lobby.joinById(code, { ...identity }), scheduler);
}
