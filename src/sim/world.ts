import { Button } from './input.js';

/**
 * The authoritative game state. Pure data: no time source, no DOM, no Phaser, so the host can
 * be run headless in tests and benchmarks and every step is reproducible from its inputs.
 */
export interface PlayerState {
  readonly slot: number;
  x: number;
  y: number;
}

export interface World {
  tick: number;
  readonly width: number;
  readonly height: number;
  readonly players: Map<number, PlayerState>;
}

export interface WorldConfig {
  readonly width: number;
  readonly height: number;
}

/** Simulation rate. Fixed so that the host's result does not depend on its frame rate. */
export const TICK_RATE = 60;
export const TICK_SECONDS = 1 / TICK_RATE;
/** Movement speed in pixels per second. */
export const PLAYER_SPEED = 180;
/** Players are circles; they stay fully inside the arena. */
export const PLAYER_RADIUS = 16;

export function createWorld(config: WorldConfig): World {
  return { tick: 0, width: config.width, height: config.height, players: new Map() };
}

/** Deterministic spawn point per slot, spread around the arena centre. */
export function spawnPlayer(world: World, slot: number): PlayerState {
  const angle = (slot / 8) * Math.PI * 2;
  const radius = Math.min(world.width, world.height) * 0.3;
  const player: PlayerState = {
    slot,
    x: Math.round(world.width / 2 + Math.cos(angle) * radius),
    y: Math.round(world.height / 2 + Math.sin(angle) * radius),
  };
  world.players.set(slot, player);
  return player;
}

export function removePlayer(world: World, slot: number): void {
  world.players.delete(slot);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Advances the world by one fixed tick. `inputs` maps slot to held buttons; a player without an
 * entry stands still. Diagonal movement is normalized so it is not faster.
 */
export function stepWorld(world: World, inputs: ReadonlyMap<number, number>): void {
  for (const player of world.players.values()) {
    const buttons = inputs.get(player.slot) ?? 0;
    let dx = (buttons & Button.Right ? 1 : 0) - (buttons & Button.Left ? 1 : 0);
    let dy = (buttons & Button.Down ? 1 : 0) - (buttons & Button.Up ? 1 : 0);
    if (dx !== 0 && dy !== 0) {
      dx *= Math.SQRT1_2;
      dy *= Math.SQRT1_2;
    }
    const distance = PLAYER_SPEED * TICK_SECONDS;
    player.x = clamp(player.x + dx * distance, PLAYER_RADIUS, world.width - PLAYER_RADIUS);
    player.y = clamp(player.y + dy * distance, PLAYER_RADIUS, world.height - PLAYER_RADIUS);
  }
  world.tick += 1;
}
