import type { Entity } from '../game/definition.js';
import type { DepartedEntry, RosterEntry } from '../protocol/peer-messages.js';
import { departedEntity } from './departed-players.js';

/** A host's word on who plays: its players by slot, and those it waits for with their entities. */
export interface RosterState {
  readonly players: readonly RosterEntry[];
  readonly departed: readonly DepartedEntry[];
}

const NO_ROSTER: RosterState = { players: [], departed: [] };

/**
 * A client's knowledge of who plays in the world it draws: the roster of the host it follows,
 * every peer's latest roster (one may come before we follow its sender), and what each player
 * last had (when it left, or as drawn before the latest change of host), so a successor gives a
 * player it has not drawn yet its entity back, not a fresh spawn.
 */
export class ClientRoster {
  private current: RosterState = NO_ROSTER;
  /** The latest roster each peer sent, trusted only once we follow that peer (it may arrive first). */
  private readonly sent = new Map<string, RosterState>();
  private readonly lastDeparted = new Map<string, DepartedEntry>();
  /** Each player as the world we drew before the latest change of host left it (see `hostChanged`). */
  private readonly drawnBeforeHostChange = new Map<string, { readonly slot: number; readonly entity: Entity }>();

  get players(): readonly RosterEntry[] {
    return this.current.players;
  }

  /** Players the host waits for (they left within the grace period), with the entities they come back to. */
  get departed(): readonly DepartedEntry[] {
    return this.current.departed;
  }

  /** `from` sent its roster; it is ours if `from` is the host we follow. */
  received(from: string, roster: RosterState, followed: boolean): void {
    this.sent.set(from, roster);
    if (followed) this.take(roster);
  }

  /** Our link to `peerId` closed: the roster it sent is no news of any host we may follow later. */
  linkClosed(peerId: string): void {
    this.sent.delete(peerId);
  }

  /**
   * We follow `hostId` from now on, leaving the world whose newest entities are `drawn`. Its roster
   * may have come already; until it comes, the old host's slots are not ours to show (the new host
   * may have given them anew). What we drew of each player is kept: the new host's first snapshots
   * (unreliable) may come before its roster (reliable) and no longer draw a player it counts as
   * departed, whose entity only that roster carries.
   */
  hostChanged(hostId: string, drawn: ReadonlyMap<number, Entity>): void {
    this.drawnBeforeHostChange.clear();
    for (const { peerId, slot } of this.current.players) {
      const entity = drawn.get(slot);
      if (entity) this.drawnBeforeHostChange.set(peerId, { slot, entity });
    }
    this.take(this.sent.get(hostId) ?? NO_ROSTER);
  }

  /** Our own roster, as we hosted it before stepping down. */
  take(roster: RosterState): void {
    this.current = roster;
    for (const entry of roster.departed) this.lastDeparted.set(entry.peerId, entry);
  }

  /**
   * The entity a player had when it last left, as its host said (kept after it came back), or as we
   * drew it before our latest change of host: a successor that has not yet seen it drawn again
   * gives it back this one, not a fresh spawn.
   */
  lastKnownEntity(peerId: string, slot: number): Entity | undefined {
    const entry = this.lastDeparted.get(peerId);
    if (entry?.slot === slot) return departedEntity(entry.entity, slot);
    const drawn = this.drawnBeforeHostChange.get(peerId);
    return drawn?.slot === slot ? { ...drawn.entity } : undefined;
  }
}
