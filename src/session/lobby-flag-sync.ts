import type { LobbySession } from '../net/lobby-client.js';
import type { AuthorityPhase } from './authority.js';

/** A refused report is tried again this often (the lobby grants a claim once its holder is away). */
const RETRY_MS = 1_000;

/**
 * Keeps the lobby's host flag on the peer that hosts the match. The flag is what the public list,
 * newcomers and the host powers (kick, lock, start) go by, and what settles two hosts after a
 * partition, so the match tells the lobby whenever they differ: a host claims the flag (granted
 * only while its holder is away or gone), a flag holder that follows someone else hands it over.
 */
export class LobbyFlagSync {
  private nextCheckAt = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly lobby: LobbySession,
    private readonly phase: () => AuthorityPhase,
    private readonly matchHost: () => string,
  ) {}

  /** Reports now if the flag and the match disagree. */
  check(): void {
    if (this.stopped || this.lobby.reattaching) return;
    const self = this.lobby.selfId;
    const flag = this.lobby.hostId;
    const host = this.matchHost();
    if (this.phase() === 'hosting' && flag !== self) this.lobby.reportHostMigration(self);
    else if (this.phase() === 'following' && flag === self && host !== self) this.lobby.reportHostMigration(host);
  }

  /** Runs from the match loop: retries a report the lobby refused. */
  tick(now: number): void {
    if (now < this.nextCheckAt) return;
    this.nextCheckAt = now + RETRY_MS;
    this.check();
  }

  stop(): void {
    this.stopped = true;
  }
}
