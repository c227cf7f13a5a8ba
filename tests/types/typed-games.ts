/**
 * Type tests: compiled by `npm run check` (tsc over tests/), never run. Each `@ts-expect-error`
 * marks a line that must NOT compile; if it ever does, tsc reports the directive as unused and the
 * check fails. What a game author gets from `defineGame`: entity types inferred from `fields`.
 */
import { defineGame, positionFields, type EntityOf, type GameView } from '../../src/index.js';

const arena = { width: 320, height: 180 };
const fields = { ...positionFields(arena), hp: { kind: 'uint', bits: 3 }, vx: { kind: 'int', bits: 8, precision: 4 } } as const;
type Fields = typeof fields;
interface World {
  readonly players: Map<number, { x: number; y: number; hp: number }>;
}

export const game = defineGame({
  name: 'typed',
  arena,
  fields,
  isValidInput: (input) => input < 16,
  createState: (): World => ({ players: new Map() }),
  addPlayer(world, slot, previous) {
    // @ts-expect-error a field the game does not declare
    world.players.set(slot, { x: 0, y: 0, hp: previous?.health ?? 3 });
    world.players.set(slot, { x: previous?.x ?? 0, y: previous?.y ?? 0, hp: previous?.hp ?? 3 });
  },
  removePlayer: (world, slot) => world.players.delete(slot),
  step: () => undefined,
  playerPosition: (world, slot) => world.players.get(slot),
  capture(world, emit) {
    for (const [slot, player] of world.players) emit({ id: slot, x: player.x, y: player.y, hp: player.hp });
    // @ts-expect-error a misspelled field in what the host sends
    emit({ id: 9, x: 0, y: 0, hpp: 1 });
    // @ts-expect-error every entity has a position
    emit({ id: 10, hp: 1 });
  },
  restore({ entities }) {
    const world: World = { players: new Map() };
    for (const entity of entities) {
      const hp: number = entity.hp; // every declared field is there, a number
      // @ts-expect-error a misspelled field in what every peer draws
      world.players.set(entity.id, { x: entity.x, y: entity.y, hp: entity.hitpoints });
      world.players.set(entity.id, { x: entity.x, y: entity.y, hp });
    }
    return world;
  },
  predict(self, input) {
    // @ts-expect-error a misspelled field in the own player's prediction
    const { velocityX } = self;
    return { x: self.x + self.vx, y: self.y + input + (velocityX === undefined ? 0 : 1) };
  },
});

export const view: GameView<Fields> = {
  keys: [],
  create: () => undefined,
  draw(_scene, frame) {
    for (const entity of frame.entities) {
      const signed: number = entity.vx;
      // @ts-expect-error a misspelled field in the view
      console.log(signed, entity.vy);
    }
  },
  readInput: (_controls, self) => (self ? self.hp : 0),
};

/** A game without x and y positions is not a game the engine can draw. */
defineGame({
  name: 'no-position',
  arena,
  // @ts-expect-error fields must include x and y as positions
  fields: { x: { kind: 'uint', bits: 4 }, y: { kind: 'uint', bits: 4 } },
  isValidInput: () => true,
  createState: () => 0,
  addPlayer: () => undefined,
  removePlayer: () => undefined,
  step: () => undefined,
  playerPosition: () => undefined,
  capture: () => undefined,
  restore: () => 0,
});

/** EntityOf is exactly the declared fields and the id. */
export const entity: EntityOf<Fields> = { id: 1, x: 2, y: 3, hp: 4, vx: -1 };
// @ts-expect-error an entity read back has every field
export const partial: EntityOf<Fields> = { id: 1, x: 2, y: 3 };
