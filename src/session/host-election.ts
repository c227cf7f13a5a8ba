/**
 * Who hosts, decided by every peer on its own, without the lobby: the longest-present member
 * still reachable. Members are ranked by when they joined the room (the lobby's member order,
 * which every peer learns at join and keeps); a crashed lobby cannot stop an election.
 *
 * Every host reign has an epoch. A peer that takes over uses the previous epoch + 1 and stamps
 * its snapshots with it; peers follow the highest epoch they have seen and, within one epoch,
 * the earliest-joined claimant, so two peers that briefly both believe they host settle on one
 * as soon as either hears the other.
 */
export interface HostClaim {
  readonly hostId: string;
  readonly epoch: number;
}

/** The member who should host: the earliest-joined one that is alive (self is always alive). */
export function electHost(joinOrder: readonly string[], alive: (memberId: string) => boolean): string | undefined {
  return joinOrder.find((member) => alive(member));
}

/**
 * Whether a claim should replace the one we follow: a higher epoch always wins; within the same
 * epoch the claimant who joined earlier wins (ties cannot persist, since join order is total).
 */
export function supersedes(candidate: HostClaim, current: HostClaim, joinOrder: readonly string[]): boolean {
  if (candidate.epoch !== current.epoch) return candidate.epoch > current.epoch;
  if (candidate.hostId === current.hostId) return false;
  const rank = (id: string): number => {
    const index = joinOrder.indexOf(id);
    return index < 0 ? Number.POSITIVE_INFINITY : index;
  };
  return rank(candidate.hostId) < rank(current.hostId);
}
