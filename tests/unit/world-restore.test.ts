import { describe, expect, it } from 'vitest';
import { ReplicatedGame } from '../../src/game/replicated-game.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import { createWorld, spawnPlayer } from '../../src/games/tag/world.js';

describe('restoring a game from a snapshot (host migration)', () => {
  it('keeps the slots, the positions to 1/8 px, who is "it" and the scores', () => {
    const game = new ReplicatedGame(tagGame());
    const world = createWorld(game.definition.arena);
    for (const slot of [0, 3, 5]) spawnPlayer(world, slot, undefined, slot * 2);
    const moved = world.players.get(3);
    if (moved) moved.x = 123.4567;
    world.it = 5;
    const captured = game.capture(world, 4242);
    expect(captured.tick).toBe(4242);
    const snapshot = game.snapshot(captured);
    const restored = game.definition.restore({ tick: snapshot.tick, entities: [...snapshot.entities.values()] });
    expect([...restored.players.keys()].sort()).toEqual([0, 3, 5]);
    expect(Math.abs((restored.players.get(3)?.x ?? 0) - 123.4567)).toBeLessThanOrEqual(1 / 16);
    expect(restored.it).toBe(5);
    expect(restored.players.get(5)?.itSeconds).toBe(10);
  });
});
