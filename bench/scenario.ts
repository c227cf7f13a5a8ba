import { seededRandom } from '../src/util/seeded-random.js';

/**
 * The benchmark world: N entities in a 4096×4096 world, sampled at 20 Hz. Each tick about 30 %
 * of the entities move (x, y and angle change) and about 5 % change hp; the rest stay still.
 * Seeded, so every encoder sees exactly the same snapshots in every run.
 */
export type BenchEntity = {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly angle: number;
  readonly hp: number;
};

export const WORLD_SIZE = 4096;
const MOVE_CHANCE = 0.3;
const HP_CHANCE = 0.05;
/** Fastest movement in pixels per snapshot (160 px/s at 20 Hz). */
const STEP = 8;

function clampToWorld(value: number): number {
  return Math.min(WORLD_SIZE - 1, Math.max(0, value));
}

/** `ticks` consecutive snapshots of `n` entities. */
export function generateScenario(n: number, ticks: number, seed = 42): BenchEntity[][] {
  const random = seededRandom(seed * 7919 + n);
  let entities: BenchEntity[] = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    x: random() * WORLD_SIZE,
    y: random() * WORLD_SIZE,
    angle: random() * Math.PI * 2,
    hp: 100,
  }));
  const frames = [entities];
  for (let tick = 1; tick < ticks; tick += 1) {
    entities = entities.map((entity) => {
      let next = entity;
      if (random() < MOVE_CHANCE) {
        next = {
          ...next,
          x: clampToWorld(next.x + (random() * 2 - 1) * STEP),
          y: clampToWorld(next.y + (random() * 2 - 1) * STEP),
          angle: (next.angle + (random() - 0.5)) % (Math.PI * 2),
        };
      }
      if (random() < HP_CHANCE) next = { ...next, hp: Math.floor(random() * 101) };
      return next;
    });
    frames.push(entities);
  }
  return frames;
}

/** Entities of `current` that differ from `baseline` (same ids, same order). */
export function changedSince(baseline: readonly BenchEntity[], current: readonly BenchEntity[]): BenchEntity[] {
  return current.filter((entity, i) => {
    const before = baseline[i];
    return !before || before.x !== entity.x || before.y !== entity.y || before.angle !== entity.angle || before.hp !== entity.hp;
  });
}
