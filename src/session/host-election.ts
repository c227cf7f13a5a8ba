/**
 * Who hosts, decided by every peer on its own from what it sees, without asking anyone: a
 * message cannot make someone host. Every peer runs the same function over the same join order
 * (the lobby's, kept locally when the lobby is away), so peers that see the same peers pick the
 * same host. docs/ARCHITECTURE.md ("The session state machine") has the whole set of rules.
 */
export interface HostClaim {
  readonly hostId: string;
  readonly epoch: number;
}

/** What one election looks at. */
export interface ElectionView {
  /** Every member, ourselves included, in the order they first entered the game. */
  readonly joinOrder: readonly string[];
  /** Who may host: a player (not a spectator) we can reach, not excluded from this election. */
  readonly eligible: (peerId: string) => boolean;
  /**
   * The lobby's flag holder if it may lead (the caller checks: reachable, a player, not excluded):
   * preferred, so a game settles where the lobby says. The lobby moves the flag only at its
   * keeper's word (a peer that follows the match), so it vouches for a host our own roster, maybe
   * old, does not list.
   */
  readonly flagHolder: string | undefined;
}

/**
 * The peer that should host: the lobby's flag holder when it may lead, else the earliest-joined
 * eligible member. Undefined when nobody is eligible.
 */
export function electHost({ joinOrder, eligible, flagHolder }: ElectionView): string | undefined {
  return flagHolder ?? joinOrder.find((member) => eligible(member));
}
