import { moveInArena, spawnPoint, type ArenaSize } from 'hostmesh';
import { direction } from './input.js';

/**
 * Tag's state: players run around; one of them is "it" and passes it on by touching someone.
 * Pure data, no time source, no DOM: the host runs it headless in tests as in the browser.
 */
export interface TagPlayer {
  readonly slot: number;
  x: number;
  y: number;
  /** Whole seconds this player has been "it" (lower is better). */
  itSeconds: number;
}

export interface TagWorld {
  readonly arena: ArenaSize;
  readonly players: Map<number, TagPlayer>;
  /** Who is "it" (undefined until two players are in). */
  it: number | undefined;
  /** Ticks until "it" may tag again, so two players touching do not pass it back and forth. */
  tagCooldown: number;
  /** Ticks the current "it" has been it, towards the next whole second. */
  itTicks: number;
}

/** Movement speed in pixels per second. */
export const PLAYER_SPEED = 180;
/** Players are circles; they stay fully inside the arena. */
export const PLAYER_RADIUS = 16;
/** After a tag, the new "it" must wait this long (ticks) before tagging back. */
export const TAG_COOLDOWN_TICKS = 60;

export function createWorld(arena: ArenaSize): TagWorld {
  return { arena, players: new Map(), it: undefined, tagCooldown: 0, itTicks: 0 };
}

/** Puts a player at its slot's spawn point (or where it was, for a returning player). */
export function spawnPlayer(world: TagWorld, slot: number, at = spawnPoint(slot, world.arena), itSeconds = 0): TagPlayer {
  const player: TagPlayer = { slot, x: at.x, y: at.y, itSeconds };
  world.players.set(slot, player);
  return player;
}

export function removePlayer(world: TagWorld, slot: number): void {
  world.players.delete(slot);
  if (world.it === slot) world.it = undefined;
}

/** One tick of one player's movement: used by the step and by the client's prediction. */
export function movePlayer(arena: ArenaSize, at: { x: number; y: number }, buttons: number): { x: number; y: number } {
  const { dx, dy } = direction(buttons);
  return moveInArena(at, dx, dy, PLAYER_SPEED, PLAYER_RADIUS, arena);
}

/**
 * Advances the world by one fixed tick. `inputs` maps slot to held buttons; a player without an
 * entry stands still. Then "it" tags the nearest player it touches.
 */
export function stepWorld(world: TagWorld, inputs: ReadonlyMap<number, number>): void {
  for (const player of world.players.values()) {
    const moved = movePlayer(world.arena, player, inputs.get(player.slot) ?? 0);
    player.x = moved.x;
    player.y = moved.y;
  }
  passTheTag(world);
}

function passTheTag(world: TagWorld): void {
  // Nobody is "it" (the game starts, or "it" left): the newest slot is, as the new kid usually is.
  if (world.it === undefined || !world.players.has(world.it)) world.it = world.players.size > 1 ? Math.max(...world.players.keys()) : undefined;
  const it = world.it === undefined ? undefined : world.players.get(world.it);
  if (!it) return;
  world.itTicks += 1;
  if (world.itTicks >= 60) {
    world.itTicks = 0;
    it.itSeconds += 1;
  }
  if (world.tagCooldown > 0) {
    world.tagCooldown -= 1;
    return;
  }
  for (const other of world.players.values()) {
    if (other === it || Math.hypot(other.x - it.x, other.y - it.y) > PLAYER_RADIUS * 2) continue;
    world.it = other.slot;
    world.itTicks = 0;
    world.tagCooldown = TAG_COOLDOWN_TICKS;
    return;
  }
}
