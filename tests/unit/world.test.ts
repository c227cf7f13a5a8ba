import { describe, expect, it } from 'vitest';
import { Button, isValidButtons } from '../../src/sim/input.js';
import { createWorld, PLAYER_RADIUS, PLAYER_SPEED, spawnPlayer, stepWorld, TICK_RATE } from '../../src/sim/world.js';

describe('world simulation', () => {
  it('moves a player by its speed per tick and keeps diagonals at the same speed', () => {
    const world = createWorld({ width: 960, height: 540 });
    const a = spawnPlayer(world, 0);
    const b = spawnPlayer(world, 1);
    const [ax, bx, by] = [a.x, b.x, b.y];
    stepWorld(world, new Map([[0, Button.Right], [1, Button.Right | Button.Down]]));
    expect(a.x - ax).toBeCloseTo(PLAYER_SPEED / TICK_RATE);
    expect(Math.hypot(b.x - bx, b.y - by)).toBeCloseTo(PLAYER_SPEED / TICK_RATE);
    expect(world.tick).toBe(1);
  });

  it('keeps players inside the arena', () => {
    const world = createWorld({ width: 200, height: 100 });
    const player = spawnPlayer(world, 0);
    for (let i = 0; i < 200; i += 1) stepWorld(world, new Map([[0, Button.Left | Button.Up]]));
    expect(player).toMatchObject({ x: PLAYER_RADIUS, y: PLAYER_RADIUS });
  });

  it('recognises only known buttons', () => {
    expect(isValidButtons(Button.Up | Button.Left)).toBe(true);
    expect(isValidButtons(64)).toBe(false);
    expect(isValidButtons(-1)).toBe(false);
  });
});
