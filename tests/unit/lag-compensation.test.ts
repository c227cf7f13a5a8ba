import { describe, expect, it } from 'vitest';
import { LagCompensator } from '../../src/replication/lag-compensation.js';

/** A target running right at 3 px per tick; the shooter (id 1) stands still. */
function recordRun(compensator: LagCompensator, ticks: number): void {
  for (let tick = 0; tick <= ticks; tick += 1) {
    compensator.record(tick, new Map([[1, { x: 0, y: 0 }], [2, { x: 100 + 3 * tick, y: 50 }]]));
  }
}

describe('lag compensation', () => {
  it('judges a shot against where the target was when the shooter saw it', () => {
    const compensator = new LagCompensator();
    recordRun(compensator, 100);
    // The shooter saw tick 90.5 (interpolation delay + latency) and aimed at the target there.
    const aim = { x: 100 + 3 * 90.5, y: 50 };
    expect(compensator.hitAt(90.5, aim, 16, 1)).toBe(2);
    // On the host's present the same shot misses by 28.5 px.
    expect(compensator.hitAt(100, aim, 16, 1)).toBeUndefined();
  });

  it('traces a ray to the first target it meets, as the shooter saw it', () => {
    const compensator = new LagCompensator();
    recordRun(compensator, 100);
    // From (0, 50) straight right: the target at tick 90 is at x = 370, its edge 16 px before.
    const hit = compensator.rayHit(90, { x: 0, y: 50 }, 0, 1_000, 16, 1);
    expect(hit?.slot).toBe(2);
    expect(hit?.distance).toBeCloseTo(370 - 16);
    // Aimed at where the target was, from above: hits then, misses on the present.
    const angle = Math.atan2(50 - -200, 100 + 3 * 60 - 280);
    expect(compensator.rayHit(60, { x: 280, y: -200 }, angle, 1_000, 16, 1)?.slot).toBe(2);
    expect(compensator.rayHit(100, { x: 280, y: -200 }, angle, 1_000, 16, 1)).toBeUndefined();
    // Out of reach, or behind the shooter: no hit.
    expect(compensator.rayHit(90, { x: 0, y: 50 }, 0, 300, 16, 1)).toBeUndefined();
    expect(compensator.rayHit(90, { x: 0, y: 50 }, Math.PI, 1_000, 16, 1)).toBeUndefined();
  });

  it('never rewinds further than the kept history, whatever the client claims', () => {
    const compensator = new LagCompensator(60);
    recordRun(compensator, 100);
    expect(compensator.clampTick(-5)).toBe(41);
    expect(compensator.clampTick(500)).toBe(100);
    const whereItWasAtTick10 = { x: 130, y: 50 };
    expect(compensator.hitAt(10, whereItWasAtTick10, 16, 1)).toBeUndefined();
  });

  it('keeps its own copy of positions: a world mutated in place does not rewrite history', () => {
    const compensator = new LagCompensator();
    const target = { x: 10, y: 10 };
    const world = new Map([[2, target]]);
    compensator.record(0, world);
    target.x = 500;
    compensator.record(1, world);
    expect(compensator.positionsAt(0).get(2)).toEqual({ x: 10, y: 10 });
  });

  it('does not let the shooter hit itself and picks the nearest target', () => {
    const compensator = new LagCompensator();
    compensator.record(0, new Map([[1, { x: 0, y: 0 }], [2, { x: 10, y: 0 }], [3, { x: 4, y: 0 }]]));
    expect(compensator.hitAt(0, { x: 1, y: 0 }, 16, 1)).toBe(3);
  });
});
