/**
 * Decides which changed entities go into a packet when not all of them fit (Gaffer on Games,
 * "State Synchronization"). Every snapshot in which an entity differs from what the peer has
 * acknowledged adds its weight to its priority; the highest priorities are sent first. Priority
 * is cleared only when the peer acknowledges a snapshot that carried the entity, so an entity
 * keeps being resent until it has arrived, and one that waits keeps climbing: every entity is
 * sent eventually.
 */
export class PriorityAccumulator {
  private readonly priorities = new Map<number, number>();

  /** Raises the priority of an entity that still differs from the peer's acknowledged state. */
  bump(id: number, weight = 1): number {
    const next = (this.priorities.get(id) ?? 0) + weight;
    this.priorities.set(id, next);
    return next;
  }

  priority(id: number): number {
    return this.priorities.get(id) ?? 0;
  }

  /** The peer acknowledged a snapshot carrying these entities. */
  acknowledge(ids: ArrayLike<number>): void {
    if (this.priorities.size === 0) return;
    for (let i = 0; i < ids.length; i += 1) this.priorities.delete(ids[i] ?? 0);
  }

  /** Forgets entities that no longer exist. */
  forget(id: number): void {
    this.priorities.delete(id);
  }
}
