import type { LobbySession } from '../net/lobby-client.js';
import type { AuthorityPhase } from './authority-contract.js';

/** A refused report is tried again this often (the lobby grants a claim once its holder is away). */
const RETRY_MS = 1_000;

/**
 * Keeps the lobby's host flag on the peer that hosts the match. The flag is what the public list,
 * newcomers and the host powers (kick, lock, start) go by, and what settles two hosts after a
 * partition, so the match tells the lobby whenever they differ. Only the flag's keeper may move it
 * (its holder, or while it is vacant the longest-present player connected: see MemberRoster), and
 * the keeper names the host it follows itself, or itself when it hosts.
 */
export class LobbyFlagSync {
  private nextCheckAt = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly lobby: LobbySession,
    private readonly isKeeper: () => boolean,
    private readonly phase: () => AuthorityPhase,
    private readonly matchHost: () => string,
  ) {}

  /** Reports now if we keep the flag and it does not name the match's host. */
  check(): void {
    if (this.stopped || this.lobby.reattaching || !this.isKeeper()) return;
    const phase = this.phase();
    if (phase !== 'hosting' && phase !== 'following') return;
    const host = phase === 'hosting' ? this.lobby.selfId : this.matchHost();
    // The lobby gives the flag only to a member connected to it (one who can use the host's powers).
    const connected = host === this.lobby.selfId || this.lobby.members.has(host);
    if (host !== this.lobby.hostId && connected) this.lobby.reportHostMigration(host);
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
