import type { Position } from '../replication/prediction.js';
import { createWorld, spawnPlayer, stepWorld, type WorldConfig } from '../sim/world.js';

/**
 * One tick of one player's movement, run through the real simulation step on a world holding
 * only that player, so the client's prediction can never drift from the host's rules.
 */
export function predictPlayerStep(config: WorldConfig, position: Position, buttons: number): Position {
  const world = createWorld(config);
  const player = spawnPlayer(world, 0);
  player.x = position.x;
  player.y = position.y;
  stepWorld(world, new Map([[0, buttons]]));
  return { x: player.x, y: player.y };
}
