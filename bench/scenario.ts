import type { FieldSpec } from '../src/replication/schema.js';
import { seededRandom } from '../src/util/seeded-random.js';

/** One entity of a benchmark world: its id and its fields, all numbers. */
export type BenchEntity = Readonly<Record<string, number>> & { readonly id: number };

/** How @colyseus/schema declares a field: the type a game author would pick for it. */
export type ColyseusFieldType = 'number' | 'uint8' | 'int8' | 'int16';

/**
 * A benchmark world every encoder is measured on: its fields as Hostmesh and Colyseus declare
 * them, and its snapshots, seeded so every encoder sees exactly the same ones in every run.
 */
export interface BenchScenario {
  readonly name: string;
  /** Field names in declaration order, with Hostmesh's quantization and Colyseus's type. */
  readonly fields: readonly { readonly name: string; readonly hostmesh: FieldSpec; readonly colyseus: ColyseusFieldType }[];
  /** `ticks` consecutive snapshots of `n` entities, sampled at 20 Hz. */
  generate(n: number, ticks: number): BenchEntity[][];
  /** Hands each field of `entity` to `set` by index, as a game's capture does (no lookups by name). */
  capture(entity: BenchEntity, set: (field: number, value: number) => void): void;
}

export const WORLD_SIZE = 4096;

function clampToWorld(value: number): number {
  return Math.min(WORLD_SIZE - 1, Math.max(0, value));
}

/** The first world: entities wander (x, y and angle change together) and sometimes lose hp. */
const MOVE_CHANCE = 0.3;
const HP_CHANCE = 0.05;
/** Fastest movement in pixels per snapshot (160 px/s at 20 Hz). */
const STEP = 8;

/**
 * Wanderers: each tick about 30 % of the entities move (x, y and angle change) and about 5 %
 * change hp; the rest stay still.
 */
export const wanderers: BenchScenario = {
  name: 'wanderers',
  fields: [
    { name: 'x', hostmesh: { kind: 'position', extent: WORLD_SIZE, precision: 8 }, colyseus: 'number' },
    { name: 'y', hostmesh: { kind: 'position', extent: WORLD_SIZE, precision: 8 }, colyseus: 'number' },
    { name: 'angle', hostmesh: { kind: 'angle', bits: 8 }, colyseus: 'number' },
    { name: 'hp', hostmesh: { kind: 'uint', bits: 7 }, colyseus: 'uint8' },
  ],
  generate(n, ticks) {
    const random = seededRandom(42 * 7919 + n);
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
            x: clampToWorld((next['x'] ?? 0) + (random() * 2 - 1) * STEP),
            y: clampToWorld((next['y'] ?? 0) + (random() * 2 - 1) * STEP),
            angle: ((next['angle'] ?? 0) + (random() - 0.5)) % (Math.PI * 2),
          };
        }
        if (random() < HP_CHANCE) next = { ...next, hp: Math.floor(random() * 101) };
        return next;
      });
      frames.push(entities);
    }
    return frames;
  },
  capture(entity, set) {
    set(0, entity['x'] ?? 0);
    set(1, entity['y'] ?? 0);
    set(2, entity['angle'] ?? 0);
    set(3, entity['hp'] ?? 0);
  },
};

/** Movement states of the second world: idle entities stand still, the others move. */
const IDLE = 0;
const STATES = 6;
const STATE_CHANCE = 0.03;
const STEER_CHANCE = 0.2;
/** Velocity in pixels per tick, in steps of 1/8 (what the int fields carry). */
const quantizeVelocity = (value: number): number => Math.round(value * 8) / 8;

/**
 * Movers: entities with a velocity (vx, vy, pixels per snapshot) and a state enum, as most action
 * games have. Moving entities (about two thirds) advance by their velocity every tick and bounce
 * off the walls; each tick 20 % of them steer (velocity changes by up to ±0.5 px) and 3 % of all
 * change state (idle stops; any other state starts moving in a new direction).
 */
export const movers: BenchScenario = {
  name: 'movers',
  fields: [
    // Hostmesh is told which velocity moves each coordinate (per tick: one tick per snapshot here).
    { name: 'x', hostmesh: { kind: 'position', extent: WORLD_SIZE, precision: 8, velocity: 'vx' }, colyseus: 'number' },
    { name: 'y', hostmesh: { kind: 'position', extent: WORLD_SIZE, precision: 8, velocity: 'vy' }, colyseus: 'number' },
    { name: 'vx', hostmesh: { kind: 'int', bits: 9, precision: 8 }, colyseus: 'number' },
    { name: 'vy', hostmesh: { kind: 'int', bits: 9, precision: 8 }, colyseus: 'number' },
    { name: 'state', hostmesh: { kind: 'uint', bits: 3 }, colyseus: 'uint8' },
  ],
  generate(n, ticks) {
    const random = seededRandom(77 * 7919 + n);
    const start = (): { vx: number; vy: number } => ({ vx: quantizeVelocity((random() * 2 - 1) * 6), vy: quantizeVelocity((random() * 2 - 1) * 6) });
    let entities: BenchEntity[] = Array.from({ length: n }, (_, i) => {
      const state = random() < 1 / 3 ? IDLE : 1 + Math.floor(random() * (STATES - 1));
      return { id: i + 1, x: random() * WORLD_SIZE, y: random() * WORLD_SIZE, ...(state === IDLE ? { vx: 0, vy: 0 } : start()), state };
    });
    const frames = [entities];
    for (let tick = 1; tick < ticks; tick += 1) {
      entities = entities.map((entity) => {
        let { x = 0, y = 0, vx = 0, vy = 0, state = IDLE } = entity;
        if (random() < STATE_CHANCE) {
          state = random() < 1 / 3 ? IDLE : 1 + Math.floor(random() * (STATES - 1));
          ({ vx, vy } = state === IDLE ? { vx: 0, vy: 0 } : start());
        } else if (state !== IDLE && random() < STEER_CHANCE) {
          vx = quantizeVelocity(vx + (random() - 0.5));
          vy = quantizeVelocity(vy + (random() - 0.5));
        }
        if (x + vx < 0 || x + vx > WORLD_SIZE - 1) vx = -vx;
        if (y + vy < 0 || y + vy > WORLD_SIZE - 1) vy = -vy;
        x = clampToWorld(x + vx);
        y = clampToWorld(y + vy);
        return entity['x'] === x && entity['y'] === y && entity['vx'] === vx && entity['vy'] === vy && entity['state'] === state ? entity : { id: entity.id, x, y, vx, vy, state };
      });
      frames.push(entities);
    }
    return frames;
  },
  capture(entity, set) {
    set(0, entity['x'] ?? 0);
    set(1, entity['y'] ?? 0);
    set(2, entity['vx'] ?? 0);
    set(3, entity['vy'] ?? 0);
    set(4, entity['state'] ?? 0);
  },
};

/**
 * Entities of `current` that differ from `baseline` (same ids, same order). A world's entities are
 * new objects exactly when they changed, so identity tells, as a game's own change tracking would.
 */
export function changedSince(baseline: readonly BenchEntity[], current: readonly BenchEntity[]): BenchEntity[] {
  return current.filter((entity, i) => baseline[i] !== entity);
}
