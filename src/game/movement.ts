import type { PositionFieldSpec } from '../replication/schema.js';
import type { Position } from './definition.js';
import { TICK_SECONDS } from './tick.js';

/** An arena's size in pixels. */
export interface ArenaSize {
  readonly width: number;
  readonly height: number;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * One tick of top-down movement for a circle of `radius`: `dx`/`dy` are −1, 0 or 1 per axis;
 * diagonals are normalized so they are not faster, and the circle stays inside the arena. Games
 * use it in their step and in their prediction, so both always agree.
 */
export function moveInArena(position: Position, dx: number, dy: number, speed: number, radius: number, arena: ArenaSize): Position {
  const scale = dx !== 0 && dy !== 0 ? Math.SQRT1_2 : 1;
  const distance = speed * TICK_SECONDS * scale;
  return {
    x: clamp(position.x + dx * distance, radius, arena.width - radius),
    y: clamp(position.y + dy * distance, radius, arena.height - radius),
  };
}

/**
 * A deterministic spawn point per slot around the arena's centre: slots 0–7 on a circle, 8–15
 * on a smaller one between them, so a game of 16 starts with nobody on top of anybody.
 */
export function spawnPoint(slot: number, arena: ArenaSize): Position {
  const ring = Math.floor(slot / 8) % 2;
  const angle = ((slot % 8) + ring / 2) * (Math.PI / 4);
  const radius = Math.min(arena.width, arena.height) * (ring === 0 ? 0.3 : 0.2);
  return { x: Math.round(arena.width / 2 + Math.cos(angle) * radius), y: Math.round(arena.height / 2 + Math.sin(angle) * radius) };
}

/**
 * The `x` and `y` fields every game declares, as positions inside the arena to 1/`precision`
 * pixel (8 by default: invisible steps, 13 bits for 960 px).
 */
export function positionFields(arena: ArenaSize, precision = 8): { readonly x: PositionFieldSpec; readonly y: PositionFieldSpec } {
  return {
    x: { kind: 'position', extent: arena.width, precision },
    y: { kind: 'position', extent: arena.height, precision },
  };
}
