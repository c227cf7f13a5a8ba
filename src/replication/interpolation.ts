import type { Entity } from '../game/definition.js';
import type { SnapshotSchema } from './schema.js';
import type { SnapshotBuffer } from './snapshot-buffer.js';
import type { Snapshot } from './snapshot.js';

/** Mixes one entity between two snapshots: t = 0 is `from`, 1 is `to`, above 1 extrapolates. */
export type EntityBlend = (from: Entity, to: Entity, t: number) => Entity;

const TURN = Math.PI * 2;

/**
 * How each field of a schema blends: positions linearly, angles the short way round, and
 * counters, flags and kinds not at all (they take the later value: half a score is no score).
 */
export function entityBlend(schema: SnapshotSchema): EntityBlend {
  const kinds = schema.fields.map((field) => [field.name, field.spec.kind] as const);
  return (from, to, t) => {
    const mixed: Record<string, number> = { id: to.id };
    for (const [name, kind] of kinds) {
      const a = from[name] ?? 0;
      const b = to[name] ?? 0;
      if (kind === 'position') mixed[name] = a + (b - a) * t;
      else if (kind === 'angle') mixed[name] = a + ((((b - a) % TURN) + TURN * 1.5) % TURN - TURN / 2) * t;
      else mixed[name] = b;
    }
    return mixed as Entity;
  };
}

/**
 * Entities between two snapshots at a fractional tick. The set of entities is the later
 * snapshot's, so one that left disappears and a new one appears where it spawned.
 */
export function interpolateSnapshots(before: Snapshot, after: Snapshot, tick: number, blend: EntityBlend): Entity[] {
  const span = after.tick - before.tick;
  const t = span > 0 ? Math.min(1, Math.max(0, (tick - before.tick) / span)) : 1;
  const result: Entity[] = [];
  for (const to of after.entities.values()) {
    const from = before.entities.get(to.id);
    result.push(from ? blend(from, to, t) : to);
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
export function sampleBuffer(buffer: SnapshotBuffer, renderTick: number, blend: EntityBlend): Entity[] {
  const { before, after } = buffer.bracket(renderTick);
  if (before && after) return interpolateSnapshots(before, after, renderTick, blend);
  if (after) return [...after.entities.values()];
  if (!before) return [];
  const previous = buffer.bracket(before.tick - 1).before;
  if (!previous) return [...before.entities.values()];
  const ahead = Math.min(renderTick, before.tick + MAX_EXTRAPOLATION_TICKS);
  // Blending with t > 1 continues the motion of the last interval.
  const t = 1 + (ahead - before.tick) / (before.tick - previous.tick);
  const result: Entity[] = [];
  for (const to of before.entities.values()) {
    const from = previous.entities.get(to.id);
    result.push(from ? blend(from, to, t) : to);
  }
  return result;
}
