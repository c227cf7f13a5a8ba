import type { SnapshotBuffer } from './snapshot-buffer.js';
import type { RenderPlayer, Snapshot } from './snapshot.js';

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/**
 * Positions between two snapshots at a fractional tick. The set of players is the later
 * snapshot's, so a player who left disappears and a new one appears where it spawned.
 */
export function interpolateSnapshots(before: Snapshot, after: Snapshot, tick: number): RenderPlayer[] {
  const span = after.tick - before.tick;
  const t = span > 0 ? Math.min(1, Math.max(0, (tick - before.tick) / span)) : 1;
  const result: RenderPlayer[] = [];
  for (const to of after.players.values()) {
    const from = before.players.get(to.slot);
    result.push(from ? { slot: to.slot, x: lerp(from.x, to.x, t), y: lerp(from.y, to.y, t) } : to);
  }
  return result;
}

/**
 * What a client draws at `renderTick`: interpolated when snapshots surround it, otherwise the
 * nearest snapshot held still (bounded extrapolation comes with the replication work).
 */
export function sampleBuffer(buffer: SnapshotBuffer, renderTick: number): RenderPlayer[] {
  const { before, after } = buffer.bracket(renderTick);
  if (before && after) return interpolateSnapshots(before, after, renderTick);
  const only = before ?? after;
  return only ? [...only.players.values()] : [];
}
