import { defineGame, positionFields, type ArenaSize, type Entity, type GameDefinition } from '../../index.js';
import { isValidButtons } from './input.js';
import { createWorld, movePlayer, removePlayer, spawnPlayer, stepWorld, type TagWorld } from './world.js';

/** Tag's default arena, in pixels. */
export const TAG_ARENA: ArenaSize = { width: 960, height: 540 };

/**
 * Tag as the engine runs it: each player is one entity (id = slot) with its position to 1/8 px,
 * whether it is "it", and its seconds as "it". The whole game in one definition: see
 * docs/GUIDE.md, which walks through this file.
 */
export function tagGame(arena: ArenaSize = TAG_ARENA): GameDefinition<TagWorld> {
  return defineGame<TagWorld>({
    name: 'tag',
    arena,
    fields: {
      ...positionFields(arena),
      it: { kind: 'uint', bits: 1 },
      itSeconds: { kind: 'uint', bits: 12 },
    },
    isValidInput: isValidButtons,
    createState: () => createWorld(arena),
    addPlayer: (world, slot, previous) => {
      spawnPlayer(world, slot, previous, previous?.itSeconds ?? 0);
    },
    removePlayer,
    step: (world, { inputs }) => stepWorld(world, inputs),
    playerPosition: (world, slot) => world.players.get(slot),
    *capture(world): Iterable<Entity> {
      for (const player of world.players.values()) {
        yield { id: player.slot, x: player.x, y: player.y, it: world.it === player.slot ? 1 : 0, itSeconds: player.itSeconds };
      }
    },
    restore: ({ entities }) => {
      const world = createWorld(arena);
      for (const entity of entities) {
        spawnPlayer(world, entity.id, entity, entity.itSeconds ?? 0);
        if (entity.it === 1) world.it = entity.id;
      }
      // A successor cannot know how far the old host was towards the next tag: it starts a fresh cooldown.
      world.tagCooldown = 30;
      return world;
    },
    predict: (self, buttons) => movePlayer(arena, self, buttons),
  });
}
