import type { Entity } from '../game/definition.js';
import type { DepartedEntry } from '../protocol/peer-messages.js';

/** How long a departed player's slot waits for the same peer to come back (a reload, a drop). */
export const REJOIN_GRACE_MS = 30_000;

interface Departed {
  readonly slot: number;
  /** Undefined when nobody had seen it drawn yet (it entered moments before): it comes back fresh. */
  readonly entity: Entity | undefined;
  readonly leftAt: number;
}

/**
 * A departed player's entity as a roster carries it (plain fields; none when its host never drew
 * it), given back its slot as id.
 */
export function departedEntity(fields: Readonly<Record<string, number>>, slot: number): Entity | undefined {
  if (Object.keys(fields).length === 0) return undefined;
  return { ...fields, id: slot, x: fields['x'] ?? 0, y: fields['y'] ?? 0 };
}

/**
 * Players who left recently, by peer id. Their entity leaves the world at once (nobody sees a
 * ghost), but their slot stays reserved for the grace period: the same peer (the lobby's
 * reconnection keeps its session id across a reload) gets its slot and its entity (position,
 * score…) back.
 */
export class DepartedPlayers {
  private readonly departed = new Map<string, Departed>();

  constructor(private readonly graceMs = REJOIN_GRACE_MS) {}

  remember(peerId: string, slot: number, entity: Entity | undefined, now: number): void {
    this.departed.set(peerId, { slot, entity: entity && { ...entity }, leftAt: now });
  }

  /** The reserved slot and last entity of a returning peer, if it returns in time (once). */
  reclaim(peerId: string, now: number): { slot: number; entity: Entity | undefined } | undefined {
    const entry = this.departed.get(peerId);
    this.departed.delete(peerId);
    return entry && now - entry.leftAt <= this.graceMs ? entry : undefined;
  }

  /**
   * Gives up the reservation held longest and returns its slot (undefined when none is held): a
   * player the lobby admitted needs a slot more than one who may never come back.
   */
  releaseOldest(now: number): number | undefined {
    let oldest: [string, Departed] | undefined;
    for (const entry of this.departed) {
      if (now - entry[1].leftAt <= this.graceMs && (!oldest || entry[1].leftAt < oldest[1].leftAt)) oldest = entry;
    }
    if (!oldest) return undefined;
    this.departed.delete(oldest[0]);
    return oldest[1].slot;
  }

  /** Slots still reserved for someone; expired reservations are forgotten. */
  reservedSlots(now: number): Set<number> {
    return new Set(this.entries(now).map((entry) => entry.slot));
  }

  /** Everyone still waited for, as the roster carries them to every peer (a successor host keeps them). */
  entries(now: number): DepartedEntry[] {
    const entries: DepartedEntry[] = [];
    for (const [peerId, entry] of this.departed) {
      if (now - entry.leftAt > this.graceMs) this.departed.delete(peerId);
      else entries.push({ slot: entry.slot, peerId, entity: entry.entity ?? {} });
    }
    return entries;
  }
}
