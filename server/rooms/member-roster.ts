import type { MemberInfo } from '../../src/protocol/lobby-messages.js';
import { fail, ok, type Result } from '../../src/util/result.js';

/**
 * How many peer ids a room remembers the owner of. A room admits a few hundred ids at most in a
 * realistic life; past this, the oldest binding of a peer no longer in the room is forgotten.
 */
const MAX_BOUND_IDS = 512;

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
 *
 * The host flag follows the match, never a claim: the first player holds it; it becomes vacant
 * when its holder goes away or leaves (a page that reloads comes back without a world, so it must
 * not lead); and only the flag's keeper moves it: its holder while connected, otherwise the
 * longest-present player still connected. Both are peers whose own election decides whom the
 * match follows (docs/SPEC.md, "Host flag").
 */
export class MemberRoster {
  private readonly members = new Map<string, Member>();
  private readonly bannedKeys = new Set<string>();
  /** Members whose socket dropped and who may still come back within the grace period. */
  private readonly away = new Set<string>();
  private currentHost: string | undefined;
  /** The first player to enter got the flag; from then on only its keeper moves it. */
  private flagGiven = false;
  /** Rank of peers by a re-created game's original join order (see `rankBy`). */
  private readonly ranks = new Map<string, number>();
  /** Peers of a re-created game not back yet: listed in the join order until `forgetExpected`. */
  private readonly expected = new Set<string>();
  /**
   * The key tag of the browser each peer id belongs to, for the life of the room (and, through a
   * re-creation's `keyTags`, across a lobby restart): a departed peer's id, with its slot and score
   * in the match, stays its own.
   */
  private readonly owners = new Map<string, string>();

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

  /**
   * A name for a member who gave none: `Player N` with N the first number from the member count
   * up that nobody in the game goes by, so a blank name is never blank and never ambiguous.
   */
  defaultName(): string {
    const taken = new Set([...this.members.values()].map((member) => member.name));
    for (let n = this.members.size + 1; ; n += 1) if (!taken.has(`Player ${n}`)) return `Player ${n}`;
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

  /** The key tag of the browser that owns peer id `id` in this game, if any has held it. */
  ownerOf(id: string): string | undefined {
    return this.owners.get(id);
  }

  /**
   * A re-created game lists its members in the order they first entered the game before the
   * lobby restarted, not in the order they re-entered: newcomers then rank peers as the others do.
   * Its peers' ids stay bound to the browsers the re-creating peer saw holding them.
   */
  rankBy(order: readonly string[], keyTags: ReadonlyMap<string, string>): void {
    order.forEach((id, index) => {
      this.ranks.set(id, index);
      this.expected.add(id);
    });
    for (const [id, tag] of keyTags) this.bind(id, tag);
  }

  /**
   * The peers of a re-created game that did not come back in time are no longer expected (they
   * left while the lobby was down); returns their ids.
   */
  forgetExpected(): string[] {
    const gone = [...this.expected].filter((id) => !this.members.has(id));
    this.expected.clear();
    return gone;
  }

  /** The peer was in this game before the lobby restarted (named in the re-creation's order). */
  isRanked(id: string): boolean {
    return this.ranks.has(id);
  }

  /**
   * Every member's id, away ones included, and the peers a re-created game still expects back, in
   * rank order: the peers' host election ranks by it, and a page that joins knows from it who else
   * is in the game even before they are connected.
   */
  order(): string[] {
    const ids = this.inOrder().map((member) => member.id);
    const waiting = [...this.expected].filter((id) => !this.members.has(id));
    const rank = (id: string): number => this.ranks.get(id) ?? Number.POSITIVE_INFINITY;
    return [...ids, ...waiting].sort((a, b) => rank(a) - rank(b));
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

  /** Marks a member as away (socket lost, seat kept) or back; returns true when that vacated the host flag. */
  setAway(id: string, away: boolean): boolean {
    if (!away) {
      this.away.delete(id);
      return false;
    }
    this.away.add(id);
    return this.vacate(id);
  }

  /**
   * Who may move the flag: its holder, or while it is vacant the longest-present player still
   * connected (undefined when no player is connected).
   */
  get keeper(): string | undefined {
    const holder = this.currentHost;
    if (holder !== undefined && !this.away.has(holder)) return holder;
    return this.inOrder().find((member) => !member.spectator && !this.away.has(member.id))?.id;
  }

  /**
   * Adds a member. The player who opens the room holds the host flag (a spectator never does);
   * anyone who enters later does not take a vacant flag: its keeper names the match's host.
   */
  add(member: Member): void {
    this.members.set(member.id, member);
    this.bind(member.id, member.keyTag);
    if (member.spectator || this.flagGiven) return;
    this.flagGiven = true;
    this.currentHost = member.id;
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

  /** Removes a member; returns true when that vacated the host flag. */
  remove(id: string): boolean {
    this.members.delete(id);
    this.away.delete(id);
    return this.vacate(id);
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
   * The match's host is `newHost`, says `reportedBy`. Accepted only from the flag's keeper (see
   * the class doc), naming a player of this game: no one else can take the flag, however they
   * word it, and a spectator never hosts.
   */
  migrate(reportedBy: string, newHost: string): Result<string> {
    if (!this.members.has(reportedBy)) return fail('only members can report a host migration');
    const target = this.members.get(newHost);
    if (!target) return fail(`${newHost} is not a member of this game`);
    if (target.spectator) return fail(`${newHost} is a spectator and cannot host`);
    if (this.away.has(newHost)) return fail(`${newHost} is not connected to the lobby: the flag waits until it is back`);
    const keeper = this.keeper;
    if (reportedBy !== keeper) {
      return fail(this.currentHost === undefined
        ? `the host flag is vacant and ${keeper ?? 'nobody'} keeps it (the longest-present player connected)`
        : `the host flag is held by ${this.currentHost}, who is here: only it can hand it over`);
    }
    this.currentHost = newHost;
    return ok(newHost);
  }

  private bind(id: string, tag: string): void {
    if (!this.owners.has(id) && this.owners.size >= MAX_BOUND_IDS) {
      const stale = [...this.owners.keys()].find((bound) => !this.members.has(bound) && !this.expected.has(bound));
      if (stale !== undefined) this.owners.delete(stale);
    }
    this.owners.set(id, tag);
  }

  private vacate(id: string): boolean {
    if (this.currentHost !== id) return false;
    this.currentHost = undefined;
    return true;
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

function publicPart({ id, name, spectator, ready, keyTag }: Member): MemberInfo {
  return { id, name, spectator, ready, keyTag };
}
