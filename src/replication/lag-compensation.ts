import type { Position } from '../game/definition.js';

/** About one second of history at 60 Hz: no one should be judged against an older past. */
export const DEFAULT_HISTORY_TICKS = 60;

interface Frame {
  readonly tick: number;
  readonly positions: ReadonlyMap<number, Position>;
}

/**
 * The host's memory of where every entity was over the last second, so that a client's action
 * is judged against what that client saw: clients draw others ~100 ms in the past (interpolation
 * delay) plus the trip of the snapshot, so a shot aimed exactly at a moving player would always
 * miss on the host's present. The claimed time is clamped into the kept history, so a client
 * cannot reach further back than that by lying.
 */
export class LagCompensator {
  private readonly frames: (Frame | undefined)[];
  private newest = -1;

  constructor(historyTicks = DEFAULT_HISTORY_TICKS) {
    this.frames = new Array<Frame | undefined>(historyTicks);
  }

  /** Records the world after simulating `tick` (coordinates are copied: the world mutates). */
  record(tick: number, positions: ReadonlyMap<number, Position>): void {
    const copy = new Map<number, Position>();
    for (const [id, position] of positions) copy.set(id, { x: position.x, y: position.y });
    this.frames[tick % this.frames.length] = { tick, positions: copy };
    this.newest = Math.max(this.newest, tick);
  }

  /** The claimed render time limited to what is kept: never in the future, never before the history. */
  clampTick(claimed: number): number {
    const oldest = Math.max(0, this.newest - this.frames.length + 1);
    return Math.min(this.newest, Math.max(oldest, claimed));
  }

  /** Positions at a (fractional) tick, interpolated between the recorded ticks around it. */
  positionsAt(claimedTick: number): Map<number, Position> {
    const tick = this.clampTick(claimedTick);
    const before = this.frame(Math.floor(tick));
    const after = this.frame(Math.ceil(tick)) ?? before;
    const result = new Map<number, Position>();
    if (!before || !after) return result;
    const t = after.tick === before.tick ? 0 : (tick - before.tick) / (after.tick - before.tick);
    for (const [id, to] of after.positions) {
      const from = before.positions.get(id) ?? to;
      result.set(id, { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t });
    }
    return result;
  }

  /**
   * Which entity (other than `shooter`) was within `radius` of `point` at the time the shooter
   * saw; the nearest one when several were.
   */
  hitAt(claimedTick: number, point: Position, radius: number, shooter: number): number | undefined {
    let hit: number | undefined;
    let nearest = radius;
    for (const [id, position] of this.positionsAt(claimedTick)) {
      if (id === shooter) continue;
      const distance = Math.hypot(position.x - point.x, position.y - point.y);
      if (distance <= nearest) {
        nearest = distance;
        hit = id;
      }
    }
    return hit;
  }

  /**
   * The first entity (other than `shooter`) that a ray from `origin` along `angle` meets within
   * `range`, each entity a circle of `radius`, at the time the shooter saw.
   */
  rayHit(claimedTick: number, origin: Position, angle: number, range: number, radius: number, shooter: number): { slot: number; distance: number } | undefined {
    const dx = Math.cos(angle);
    const dy = Math.sin(angle);
    let hit: { slot: number; distance: number } | undefined;
    for (const [id, position] of this.positionsAt(claimedTick)) {
      if (id === shooter) continue;
      // Distance along the ray to the point nearest the circle's centre, then back to its edge.
      const along = (position.x - origin.x) * dx + (position.y - origin.y) * dy;
      const across = Math.abs((position.x - origin.x) * dy - (position.y - origin.y) * dx);
      if (along < 0 || across > radius) continue;
      const distance = along - Math.sqrt(radius * radius - across * across);
      if (distance <= range && (!hit || distance < hit.distance)) hit = { slot: id, distance: Math.max(0, distance) };
    }
    return hit;
  }

  private frame(tick: number): Frame | undefined {
    const frame = this.frames[tick % this.frames.length];
    return frame?.tick === tick ? frame : undefined;
  }
}
