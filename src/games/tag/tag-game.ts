import { defineGame, positionFields, type ArenaSize, type EntityOf, type GameDefinition } from 'hostmesh';
import { isValidButtons } from './input.js';
import { createWorld, movePlayer, removePlayer, spawnPlayer, stepWorld, type TagWorld } from './world.js';

/** Tag's default arena, in pixels. */
export const TAG_ARENA: ArenaSize = { width: 960, height: 540 };

/** What every Tag entity (a player) carries: where it is, whether it is "it", its seconds as "it". */
export function tagFields(arena: ArenaSize) {
  return {
    ...positionFields(arena),
    it: { kind: 'uint', bits: 1 },
    itSeconds: { kind: 'uint', bits: 12 },
  } as const;
}

export type TagFields = ReturnType<typeof tagFields>;
/** A Tag player as every page reads it back. */
export type TagEntity = EntityOf<TagFields>;

/**
 * Tag as the engine runs it: each player is one entity (id = slot) with its position to 1/8 px,
 * whether it is "it", and its seconds as "it". The whole game in one definition: see
 * docs/GUIDE.md, which walks through this file.
 */
export function tagGame(arena: ArenaSize = TAG_ARENA): GameDefinition<TagWorld, TagFields> {
  return defineGame({
    name: 'tag',
    arena,
    maxPlayers: 16,
    fields: tagFields(arena),
    isValidInput: isValidButtons,
    createState: () => createWorld(arena),
    addPlayer: (world, slot, previous) => {
      spawnPlayer(world, slot, previous, previous?.itSeconds ?? 0);
    },
    removePlayer,
    step: (world, { inputs }) => stepWorld(world, inputs),
    playerPosition: (world, slot) => world.players.get(slot),
    capture(world, emit) {
      for (const player of world.players.values()) {
        emit({ id: player.slot, x: player.x, y: player.y, it: world.it === player.slot ? 1 : 0, itSeconds: player.itSeconds });
      }
    },
    restore: ({ entities }) => {
      const world = createWorld(arena);
      for (const entity of entities) {
        spawnPlayer(world, entity.id, entity, entity.itSeconds);
        if (entity.it === 1) world.it = entity.id;
      }
      // A successor cannot know how far the old host was towards the next tag: it starts a fresh cooldown.
      world.tagCooldown = 30;
      return world;
    },
    predict: (self, buttons) => movePlayer(arena, self, buttons),
  });
}
