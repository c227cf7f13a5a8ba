import type { HostClaim } from './host-election.js';

/*
 * The contracts of the session state machine (Authority): what it reads, what it orders, what a
 * page remembers across a reload, and the waits its rules are built on.
 */

/** What the authority rules read about the world, from this peer's own point of view. */
export interface AuthorityView {
  readonly selfId: string;
  now(): number;
  /** Every member in the order they first entered the game (the lobby's; see LobbySession). */
  joinOrder(): readonly string[];
  /** The lobby's host flag as last heard (kept while the lobby is away); undefined while vacant. */
  flagHolder(): string | undefined;
  /** In the lobby room and connected to it right now (ourselves included). */
  present(peerId: string): boolean;
  /** We keep the lobby's host flag: we hold it, or it is vacant and we are the longest-present player connected. */
  isKeeper(): boolean;
  /** A player, not a spectator (by the lobby's word; ourselves included). */
  isPlayer(peerId: string): boolean;
  /** Our link to this peer is open (always true for ourselves). */
  reachable(peerId: string): boolean;
  /** Our first link to this peer is being negotiated: it may open in a moment (we are back from a reload). */
  connecting(peerId: string): boolean;
  /** Other players we know are in the game: in the lobby room (connected or away), or linked to us. */
  otherPlayers(): readonly string[];
  /** We hold a world to carry on from (a page that never received a snapshot has none to host). */
  hasWorld(): boolean;
  /**
   * A player of the game as its host last listed it (its roster): only they hold the world and can
   * succeed; a page that just came back from a reload, not admitted yet, holds none.
   */
  inRoster(peerId: string): boolean;
  /** Some peer other than `claimant` told us it follows `claimant`'s reign `epoch`. */
  followedByOthers(claimant: string, epoch: number): boolean;
  /** Some peer told us it follows a host other than `claimant` that tells us it hosts that reign. */
  otherGameRuns(claimant: string): boolean;
  /** Some peer we reach told us it follows a player we cannot reach (the lobby cannot link us yet). */
  gameBeyondReach(): boolean;
  /** `peerId` told us it follows another peer's reign, newer than `epoch` (see ReignWitnesses). */
  followsNewerReign(peerId: string, epoch: number): boolean;
  /** We are in the lobby's room now (not re-entering it after losing the connection). */
  lobbyConnected(): boolean;
}

/** What the match does when the authority decides; each call is one transition. */
export interface AuthorityRoles {
  /** Start hosting in reign `epoch` (a fresh game at join, or the world we hold as a successor). */
  host(epoch: number): void;
  /** Follow `claim` from now on (the first host we hear, a successor, or a newer reign of our host). */
  follow(claim: HostClaim): void;
  /** Our host is gone: hold our player still until `pick` (if any) takes over. */
  migrate(pick: string | undefined): void;
  /** We stop hosting: tell our followers we yield (they elect without us); a follow or migrate comes next. */
  yieldHost(): void;
  /** We host and keep hosting, in the newer reign `epoch`, so a rival's followers can follow us. */
  renumber(epoch: number): void;
}

/**
 * `joining`: no reign known yet (a page that just entered). `following`: a host we can reach
 * leads. `hosting`: we lead. `migrating`: our host is gone; we wait for the peer we elected.
 */
export type AuthorityPhase = 'joining' | 'following' | 'hosting' | 'migrating';

/**
 * What a page remembers across a reload (sessionStorage in the browser): the reign it followed or
 * hosted, and the players of its host's last roster. A page back from a reload then elects like
 * the peers it left, instead of trusting whoever claims to host.
 */
export interface Recollection {
  readonly reign: HostClaim;
  readonly players: readonly string[];
}

/** Why a claim was refused, for the counters and tests. */
export type ClaimVerdict = 'accepted' | 'current' | 'refused';

/**
 * A candidate we elected that stays reachable but does not take over within this time has elected
 * someone else (it sees the world differently): we elect again without it.
 */
export const DECLINE_MS = 3_000;
/** A page that may have to start the game afresh first waits this long for a host to announce itself on its links. */
export const JOIN_SETTLE_MS = 2_000;
/**
 * Players in the lobby's join order that are not connected to it (away with their seat held, or
 * expected back after a lobby restart) may still be playing somewhere: a page does not start the
 * game afresh over them until it has waited this long for them to reach it.
 */
export const ABSENT_WAIT_MS = 10_000;
/**
 * A host announces its reign on every link as it opens (one reliable message, one trip): a page
 * about to start the game afresh first gives a link this long to bring that announcement.
 */
export const ANNOUNCE_WAIT_MS = 1_000;
