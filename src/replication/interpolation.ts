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
 * How far past the newest snapshot motion is continued when snapshots stop arriving: 6 ticks
 * (100 ms) bridges a lost packet or two without visible freezing; beyond it entities hold still
 * rather than fly off on a guess.
 */
export const MAX_EXTRAPOLATION_TICKS = 6;

/**
 * What a client draws at `renderTick`: interpolated when snapshots surround it; past the newest
 * snapshot, motion continues along the last two snapshots' velocity for a bounded time.
 */
export function sampleBuffer(buffer: SnapshotBuffer, renderTick: number): RenderPlayer[] {
  const { before, after } = buffer.bracket(renderTick);
  if (before && after) return interpolateSnapshots(before, after, renderTick);
  if (after) return [...after.players.values()];
  if (!before) return [];
  const previous = buffer.bracket(before.tick - 1).before;
  if (!previous) return [...before.players.values()];
  const ahead = Math.min(renderTick, before.tick + MAX_EXTRAPOLATION_TICKS);
  // Interpolating with t > 1 continues the motion of the last interval.
  const span = before.tick - previous.tick;
  const t = 1 + (ahead - before.tick) / span;
  const result: RenderPlayer[] = [];
  for (const to of before.players.values()) {
    const from = previous.players.get(to.slot);
    result.push(from ? { slot: to.slot, x: lerp(from.x, to.x, t), y: lerp(from.y, to.y, t) } : to);
  }
  return result;
}
