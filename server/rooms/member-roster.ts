import type { MemberInfo } from '../../src/protocol/lobby-messages.js';
import { fail, ok, type Result } from '../../src/util/result.js';

/**
 * A member as the lobby knows it: the public part plus the browser's key (kept private) and the
 * Colyseus session currently holding the seat (it changes when the peer re-enters by code).
 */
export interface Member extends MemberInfo {
  readonly playerKey: string;
  readonly sessionId: string;
}

/**
 * Who is in one game, who holds the host flag, and which browsers were kicked. Pure bookkeeping,
 * separate from the Colyseus room so the rules (who may kick, who may move the flag, who fits)
 * are plain functions of this state. Members are keyed by the peer id they chose.
 */
export class MemberRoster {
  private readonly members = new Map<string, Member>();
  private readonly bannedKeys = new Set<string>();
  /** Members whose socket dropped and who may still come back within the grace period. */
  private readonly away = new Set<string>();
  private currentHost: string | undefined;
  /** Rank of peers by a re-created game's original join order (see `rankBy`). */
  private readonly ranks = new Map<string, number>();

  get hostId(): string | undefined {
    return this.currentHost;
  }

  get size(): number {
    return this.members.size;
  }

  /** Players, present or away (an away player keeps its place toward maxPlayers). */
  get players(): number {
    return this.count(false);
  }

  get spectators(): number {
    return this.count(true);
  }

  /** The host's display name, for the public list. */
  get hostName(): string {
    return (this.currentHost === undefined ? undefined : this.members.get(this.currentHost)?.name) ?? '';
  }

  has(id: string): boolean {
    return this.members.has(id);
  }

  get(id: string): Member | undefined {
    return this.members.get(id);
  }

  /** The member whose seat this Colyseus session holds now (none for a session that was replaced). */
  bySession(sessionId: string): Member | undefined {
    for (const member of this.members.values()) if (member.sessionId === sessionId) return member;
    return undefined;
  }

  isAway(id: string): boolean {
    return this.away.has(id);
  }

  isBanned(playerKey: string): boolean {
    return this.bannedKeys.has(playerKey);
  }

  /**
   * A re-created game lists its members in the order they first entered the game before the
   * lobby restarted, not in the order they re-entered: newcomers then rank peers as the others do.
   */
  rankBy(order: readonly string[]): void {
    order.forEach((id, index) => this.ranks.set(id, index));
  }

  /** The peer was in this game before the lobby restarted (named in the re-creation's order). */
  isRanked(id: string): boolean {
    return this.ranks.has(id);
  }

  /** Every member's id, away ones included, in rank order: the peers' host election ranks by it. */
  order(): string[] {
    return this.inOrder().map((member) => member.id);
  }

  /** Everyone present except `id`, in joining order, without keys (away members are not linkable). */
  othersThan(id: string): MemberInfo[] {
    return this.inOrder().filter((member) => member.id !== id && !this.away.has(member.id)).map(publicPart);
  }

  /** The public part of one member, if present. */
  info(id: string): MemberInfo | undefined {
    const member = this.members.get(id);
    return member && publicPart(member);
  }

  /** Marks a member as away (socket lost, seat kept) or back. */
  setAway(id: string, away: boolean): void {
    if (away) this.away.add(id);
    else this.away.delete(id);
  }

  /** Adds a member; the first player holds the host flag (a spectator never does). */
  add(member: Member): void {
    this.members.set(member.id, member);
    if (!member.spectator) this.currentHost ??= member.id;
  }

  /** Another session takes over a member's seat (the same peer, entering again by code). */
  moveSeat(id: string, sessionId: string): void {
    const member = this.members.get(id);
    if (member) this.members.set(id, { ...member, sessionId });
  }

  /** Sets a player's ready flag; returns true if it changed (spectators have none). */
  setReady(id: string, ready: boolean): boolean {
    const member = this.members.get(id);
    if (!member || member.spectator || member.ready === ready) return false;
    this.members.set(id, { ...member, ready });
    return true;
  }

  /**
   * Removes a member. If it held the host flag, the longest-present player gets it; returns the
   * new host id when the flag moved to someone.
   */
  remove(id: string): string | undefined {
    this.members.delete(id);
    this.away.delete(id);
    if (this.currentHost !== id) return undefined;
    this.currentHost = this.inOrder().find((member) => !member.spectator)?.id;
    return this.currentHost;
  }

  /** The host removes `target`, whose browser key may not join this game again. */
  kick(by: string, target: string): Result<Member> {
    if (by !== this.currentHost) return fail('only the host can kick');
    const member = this.members.get(target);
    if (!member || target === by) return fail(`no other member ${target} in this game`);
    this.bannedKeys.add(member.playerKey);
    this.members.delete(target);
    this.away.delete(target);
    return ok(member);
  }

  /**
   * The match elected `newHost`. Accepted only from a member, naming a current player, and only
   * when reported by the new host itself or by the current host handing over: a third member
   * cannot move the flag onto someone else, and a spectator never hosts.
   */
  migrate(reportedBy: string, newHost: string): Result<string> {
    if (!this.members.has(reportedBy)) return fail('only members can report a host migration');
    const target = this.members.get(newHost);
    if (!target) return fail(`${newHost} is not a member of this game`);
    if (target.spectator) return fail(`${newHost} is a spectator and cannot host`);
    if (reportedBy !== newHost && reportedBy !== this.currentHost) {
      return fail('a migration is reported by the new host or the current host');
    }
    this.currentHost = newHost;
    return ok(newHost);
  }

  /** Members by rank (see `rankBy`), then in the order they entered this room. */
  private inOrder(): Member[] {
    const rank = (member: Member): number => this.ranks.get(member.id) ?? Number.POSITIVE_INFINITY;
    return [...this.members.values()].sort((a, b) => (rank(a) === rank(b) ? 0 : rank(a) - rank(b)));
  }

  private count(spectators: boolean): number {
    let count = 0;
    for (const member of this.members.values()) if (member.spectator === spectators) count += 1;
    return count;
  }
}

function publicPart({ id, name, spectator, ready }: Member): MemberInfo {
  return { id, name, spectator, ready };
}
