import { isNewerEpoch } from '../protocol/epoch.js';
import type { HostClaim } from './host-election.js';

/**
 * The reign each linked peer last told us it follows (or hosts, naming itself), from their
 * Follow messages. A page that must choose among hosts it cannot check (back from a reload, the
 * lobby's flag vacant) weighs claims by who follows them, and does not start a game of its own
 * while players it reaches follow a host it cannot reach.
 */
export class ReignWitnesses {
  private readonly follows = new Map<string, HostClaim>();

  /** `from` told us it follows `claim`; an empty host id means it follows no reign now (it lost its host). */
  note(from: string, claim: HostClaim): void {
    if (claim.hostId === '') this.follows.delete(from);
    else this.follows.set(from, claim);
  }

  /** Our link to `peerId` closed: what it told us no longer holds. */
  forget(peerId: string): void {
    this.follows.delete(peerId);
  }

  /** `peer` follows another peer's reign, newer than `epoch`: it will not take over ours. */
  followsNewerReign(peer: string, epoch: number): boolean {
    const claim = this.follows.get(peer);
    return claim !== undefined && claim.hostId !== peer && isNewerEpoch(claim.epoch, epoch);
  }

  /** Some peer other than `claimant` follows `claimant`'s reign `epoch`. */
  followedByOthers(claimant: string, epoch: number): boolean {
    return [...this.follows].some(([peer, claim]) => peer !== claimant && claim.hostId === claimant && claim.epoch === epoch);
  }

  /** Some peer follows a host other than `claimant`, and that host tells us it hosts that very reign. */
  otherGameRuns(claimant: string): boolean {
    return [...this.follows].some(([peer, { hostId, epoch }]) => {
      const hostSays = this.follows.get(hostId);
      return peer !== claimant && hostId !== claimant && hostId !== peer && hostSays?.hostId === hostId && hostSays.epoch === epoch;
    });
  }

  /**
   * Some peer follows a host we cannot reach (`reachable` false), one of the game's players
   * (`isPlayer`): a game runs beyond our links, which the lobby will link us to once it can.
   */
  gameBeyondReach(reachable: (peerId: string) => boolean, isPlayer: (peerId: string) => boolean): boolean {
    return [...this.follows].some(([peer, { hostId }]) => hostId !== peer && isPlayer(hostId) && !reachable(hostId));
  }
}
