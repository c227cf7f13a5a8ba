import { describe, expect, it } from 'vitest';
import { StateBuilder } from '../../src/replication/state-builder.js';
import { captureWorld, restoreWorld, worldSchema } from '../../src/session/world-replication.js';
import { createWorld, spawnPlayer } from '../../src/sim/world.js';

describe('restoring the world from a snapshot (host migration)', () => {
  it('keeps the tick, the slots and the positions to 1/8 px', () => {
    const config = { width: 960, height: 540 };
    const schema = worldSchema(config);
    const world = createWorld(config);
    for (const slot of [0, 3, 5]) spawnPlayer(world, slot);
    const moved = world.players.get(3);
    if (moved) moved.x = 123.4567;
    world.tick = 4242;
    const restored = restoreWorld(config, schema, captureWorld(new StateBuilder(schema), world));
    expect(restored.tick).toBe(4242);
    expect([...restored.players.keys()].sort()).toEqual([0, 3, 5]);
    expect(restored.players.get(3)?.x).toBeCloseTo(123.4567, 1);
    expect(Math.abs((restored.players.get(3)?.x ?? 0) - 123.4567)).toBeLessThanOrEqual(1 / 16);
  });
});
