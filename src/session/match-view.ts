import type { LobbySession } from '../net/lobby-client.js';
import type { Mesh } from '../net/mesh.js';
import type { RosterEntry } from '../protocol/peer-messages.js';
import type { Scheduler } from '../time/scheduler.js';
import type { AuthorityView, Recollection } from './authority-contract.js';
import type { HostClaim } from './host-election.js';
import { ReignWitnesses } from './reign-witnesses.js';

/** What of the page's own game the view reads: its roster and whether it holds a world. */
export interface MatchWorld {
  roster(): readonly RosterEntry[];
  hasWorld(): boolean;
}

/**
 * One page's view of the game for its Authority, built from the lobby (join order, flag, who is
 * connected, who watches), the mesh (who is linked) and what linked peers told us they follow.
 * It decides nothing; it only answers.
 */
export class MatchView implements AuthorityView {
  readonly selfId: string;
  /** Peers the lobby said joined to watch (kept while the lobby is away): never elected. */
  private readonly spectators = new Set<string>();
  /** The reign each linked peer last told us it follows (or hosts). */
  private readonly witnesses = new ReignWitnesses();
  /** Every peer our page has had an open link to. */
  private readonly linkedOnce = new Set<string>();

  constructor(
    private readonly lobby: LobbySession,
    private readonly mesh: Mesh,
    private readonly scheduler: Scheduler,
    private readonly world: MatchWorld,
    private readonly recollection: Recollection | undefined,
  ) {
    this.selfId = lobby.selfId;
    // Every member known by now: arrivals may have come between the welcome and this match.
    this.noteMembers([...lobby.members.values()]);
  }

  /** Members the lobby told us of (welcome, arrivals): remembers who watches. */
  noteMembers(members: readonly { readonly id: string; readonly spectator: boolean }[]): void {
    for (const member of members) if (member.spectator) this.spectators.add(member.id);
  }

  /** A link opened: that peer has been linked to us once. */
  noteLinked(peerId: string): void {
    this.linkedOnce.add(peerId);
  }

  /** A peer told us the reign it follows (Follow); an empty host id: none now. */
  noteFollow(from: string, claim: HostClaim): void {
    this.witnesses.note(from, claim);
  }

  /** Our link to `peerId` closed: what it told us no longer holds. */
  linkClosed(peerId: string): void {
    this.witnesses.forget(peerId);
  }

  isSpectator(peerId: string): boolean {
    return this.spectators.has(peerId);
  }

  now(): number {
    return this.scheduler.now();
  }

  joinOrder(): readonly string[] {
    return this.lobby.joinOrder;
  }

  flagHolder(): string | undefined {
    return this.lobby.hostId;
  }

  /** In the lobby room and connected now (the lobby's member list drops members who go away). */
  present(peerId: string): boolean {
    return peerId === this.selfId || this.lobby.members.has(peerId);
  }

  /** We keep the host flag (see MemberRoster on the lobby): we hold it, or it is vacant and we are the longest-present player connected. */
  isKeeper(): boolean {
    const flag = this.lobby.hostId;
    if (flag === this.selfId) return true;
    if (flag !== undefined && this.present(flag)) return false;
    return this.lobby.joinOrder.find((id) => this.present(id) && this.isPlayer(id)) === this.selfId;
  }

  isPlayer(peerId: string): boolean {
    return peerId === this.selfId ? !this.lobby.spectator : !this.spectators.has(peerId);
  }

  reachable(peerId: string): boolean {
    return peerId === this.selfId || this.mesh.link(peerId)?.state === 'open';
  }

  /** Only a peer we never linked to: one whose link closed and is negotiated again reloaded (it holds no world), or went away. */
  connecting(peerId: string): boolean {
    return this.mesh.link(peerId)?.state === 'connecting' && !this.linkedOnce.has(peerId);
  }

  /**
   * Other players in the game as far as we know: in the lobby's join order (connected, away with
   * their seat held, or expected back after a lobby restart), or linked to us.
   */
  otherPlayers(): readonly string[] {
    const ids = new Set(this.lobby.joinOrder.filter((id) => this.isPlayer(id)));
    for (const link of this.mesh.openLinks()) if (this.isPlayer(link.remoteId)) ids.add(link.remoteId);
    ids.delete(this.selfId);
    return [...ids];
  }

  hasWorld(): boolean {
    return this.world.hasWorld();
  }

  /**
   * A player of the game as our host last listed it; before any roster, as we remembered it across
   * a reload (a fresh page that remembers nothing counts everyone).
   */
  inRoster(peerId: string): boolean {
    const roster = this.world.roster();
    if (roster.length > 0) return roster.some((entry) => entry.peerId === peerId);
    const remembered = this.recollection?.players;
    return remembered === undefined || remembered.includes(peerId);
  }

  followedByOthers(claimant: string, epoch: number): boolean {
    return this.witnesses.followedByOthers(claimant, epoch);
  }

  otherGameRuns(claimant: string): boolean {
    return this.witnesses.otherGameRuns(claimant);
  }

  followsNewerReign(peerId: string, epoch: number): boolean {
    return this.witnesses.followsNewerReign(peerId, epoch);
  }

  lobbyConnected(): boolean {
    return !this.lobby.reattaching;
  }

  gameBeyondReach(): boolean {
    return this.witnesses.gameBeyondReach(
      (id) => this.reachable(id),
      (id) => this.isPlayer(id),
    );
  }
}
