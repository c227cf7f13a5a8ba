import type { Snapshot } from './snapshot.js';

/**
 * Recent snapshots in tick order. Snapshots travel on an unordered, lossy channel, so arrivals
 * may be late, duplicated or missing: late ones are inserted in place, duplicates and ones older
 * than everything kept are ignored, and the buffer is bounded.
 */
export class SnapshotBuffer {
  private readonly snapshots: Snapshot[] = [];

  constructor(private readonly capacity = 32) {}

  /** Adds a snapshot; returns false when it was a duplicate or too old to matter. */
  insert(snapshot: Snapshot): boolean {
    const list = this.snapshots;
    const oldest = list[0];
    if (oldest && list.length >= this.capacity && snapshot.tick <= oldest.tick) return false;
    let index = list.length;
    while (index > 0 && (list[index - 1]?.tick ?? -Infinity) > snapshot.tick) index -= 1;
    if (list[index - 1]?.tick === snapshot.tick) return false;
    list.splice(index, 0, snapshot);
    if (list.length > this.capacity) list.shift();
    return true;
  }

  /** Forgets everything (a host whose timeline starts elsewhere: a fresh game, the other side of a partition). */
  clear(): void {
    this.snapshots.length = 0;
  }

  get newest(): Snapshot | undefined {
    return this.snapshots[this.snapshots.length - 1];
  }

  get size(): number {
    return this.snapshots.length;
  }

  /**
   * The snapshots on either side of `tick`: `before` has the greatest tick ≤ `tick`, `after` the
   * smallest tick > `tick`. Either may be missing at the ends of the buffer.
   */
  bracket(tick: number): { before: Snapshot | undefined; after: Snapshot | undefined } {
    let before: Snapshot | undefined;
    for (const snapshot of this.snapshots) {
      if (snapshot.tick > tick) return { before, after: snapshot };
      before = snapshot;
    }
    return { before, after: undefined };
  }
}
