import type { MemberInfo } from '../../src/protocol/lobby-messages.js';
import { fail, ok, type Result } from '../../src/util/result.js';

/** A member as the lobby knows it: the public part plus the browser's key (kept private). */
export interface Member extends MemberInfo {
  readonly playerKey: string;
}

/**
 * Who is in one game, who holds the host flag, and which browsers were kicked. Pure bookkeeping,
 * separate from the Colyseus room so the rules (who may kick, who may move the flag) are plain
 * functions of this state.
 */
export class MemberRoster {
  private readonly members = new Map<string, Member>();
  private readonly bannedKeys = new Set<string>();
  /** Members whose socket dropped and who may still come back within the grace period. */
  private readonly away = new Set<string>();
  private currentHost: string | undefined;

  get hostId(): string | undefined {
    return this.currentHost;
  }

  get size(): number {
    return this.members.size;
  }

  /** The host's display name, for the public list. */
  get hostName(): string {
    return (this.currentHost === undefined ? undefined : this.members.get(this.currentHost)?.name) ?? '';
  }

  has(id: string): boolean {
    return this.members.has(id);
  }

  isBanned(playerKey: string): boolean {
    return this.bannedKeys.has(playerKey);
  }

  /** Everyone present except `id`, in joining order, without keys (away members are not linkable). */
  othersThan(id: string): MemberInfo[] {
    return [...this.members.values()]
      .filter((member) => member.id !== id && !this.away.has(member.id))
      .map(({ id: memberId, name }) => ({ id: memberId, name }));
  }

  /** The public part of one member, if present. */
  info(id: string): MemberInfo | undefined {
    const member = this.members.get(id);
    return member && { id: member.id, name: member.name };
  }

  /** Marks a member as away (socket lost, seat kept) or back. */
  setAway(id: string, away: boolean): void {
    if (away) this.away.add(id);
    else this.away.delete(id);
  }

  /** Adds a member; the first one holds the host flag. */
  add(member: Member): void {
    this.members.set(member.id, member);
    this.currentHost ??= member.id;
  }

  /**
   * Removes a member. If it held the host flag, the longest-present member gets it; returns the
   * new host id when the flag moved.
   */
  remove(id: string): string | undefined {
    this.members.delete(id);
    this.away.delete(id);
    if (this.currentHost !== id) return undefined;
    this.currentHost = this.members.keys().next().value;
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
   * The match elected `newHost`. Accepted only from a member, naming a current member, and only
   * when reported by the new host itself or by the current host handing over: a third member
   * cannot move the flag onto someone else.
   */
  migrate(reportedBy: string, newHost: string): Result<string> {
    if (!this.members.has(reportedBy)) return fail('only members can report a host migration');
    if (!this.members.has(newHost)) return fail(`${newHost} is not a member of this game`);
    if (reportedBy !== newHost && reportedBy !== this.currentHost) {
      return fail('a migration is reported by the new host or the current host');
    }
    this.currentHost = newHost;
    return ok(newHost);
  }
}
