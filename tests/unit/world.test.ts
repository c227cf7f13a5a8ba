import { describe, expect, it } from 'vitest';
import { TICK_RATE } from '../../src/game/tick.js';
import { Button, isValidButtons } from '../../src/games/tag/input.js';
import { createWorld, PLAYER_RADIUS, PLAYER_SPEED, spawnPlayer, stepWorld, TAG_COOLDOWN_TICKS } from '../../src/games/tag/world.js';

describe('tag simulation', () => {
  it('moves a player by its speed per tick and keeps diagonals at the same speed', () => {
    const world = createWorld({ width: 960, height: 540 });
    const a = spawnPlayer(world, 0);
    const b = spawnPlayer(world, 1);
    const [ax, bx, by] = [a.x, b.x, b.y];
    stepWorld(world, new Map([[0, Button.Right], [1, Button.Right | Button.Down]]));
    expect(a.x - ax).toBeCloseTo(PLAYER_SPEED / TICK_RATE);
    expect(Math.hypot(b.x - bx, b.y - by)).toBeCloseTo(PLAYER_SPEED / TICK_RATE);
  });

  it('keeps players inside the arena', () => {
    const world = createWorld({ width: 200, height: 100 });
    const player = spawnPlayer(world, 0);
    for (let i = 0; i < 200; i += 1) stepWorld(world, new Map([[0, Button.Left | Button.Up]]));
    expect(player).toMatchObject({ x: PLAYER_RADIUS, y: PLAYER_RADIUS });
  });

  it('makes the newest slot "it", passes it on a touch, and not straight back', () => {
    const world = createWorld({ width: 960, height: 540 });
    spawnPlayer(world, 0, { x: 100, y: 100 });
    spawnPlayer(world, 1, { x: 120, y: 100 });
    stepWorld(world, new Map());
    expect(world.it).toBe(0);
    for (let i = 0; i < TAG_COOLDOWN_TICKS - 1; i += 1) stepWorld(world, new Map());
    expect(world.it).toBe(0);
    stepWorld(world, new Map());
    stepWorld(world, new Map());
    expect(world.it).toBe(1);
  });

  it('counts the seconds a player is "it"', () => {
    const world = createWorld({ width: 960, height: 540 });
    spawnPlayer(world, 0, { x: 100, y: 100 });
    const newest = spawnPlayer(world, 1, { x: 600, y: 400 });
    for (let i = 0; i < 150; i += 1) stepWorld(world, new Map());
    expect(newest.itSeconds).toBe(2);
  });

  it('recognises only known buttons', () => {
    expect(isValidButtons(Button.Up | Button.Left)).toBe(true);
    expect(isValidButtons(64)).toBe(false);
    expect(isValidButtons(-1)).toBe(false);
  });
});
