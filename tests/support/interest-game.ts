import { defineGame, moveInArena, positionFields, spawnPoint, type ArenaSize, type EntityOf, type GameDefinition } from '../../src/index.js';

/** A big world: far more than any one player may see. */
export const FIELD: ArenaSize = { width: 2_048, height: 2_048 };
/** How far a player sees. */
export const SIGHT = 400;
/** The markers drift at this speed (px/s) across the field, in and out of everyone's sight. */
export const MARKER_SPEED = 240;
export const MARKER_COUNT = 40;
/** The secret only the player in slot 1 may know of. */
export const SECRET_ID = 900;
/** A scoreboard: far from everyone, and sent to everyone. */
export const BOARD_ID = 901;

const Kind = { Player: 0, Marker: 1, Secret: 2, Board: 3 } as const;
const fields = { ...positionFields(FIELD), kind: { kind: 'uint', bits: 2 } } as const;
export type InterestEntity = EntityOf<typeof fields>;

interface Mover {
  x: number;
  y: number;
  vx: number;
}
export interface InterestWorld {
  readonly players: Map<number, { x: number; y: number }>;
  readonly markers: Map<number, Mover>;
  secret: Mover | undefined;
}

/** Inputs: bit 0 left, bit 1 right, bit 2 up, bit 3 down. */
export const Walk = { Left: 1, Right: 2, Up: 4, Down: 8 } as const;

function walk(at: { x: number; y: number }, input: number): { x: number; y: number } {
  const dx = (input & Walk.Right ? 1 : 0) - (input & Walk.Left ? 1 : 0);
  const dy = (input & Walk.Down ? 1 : 0) - (input & Walk.Up ? 1 : 0);
  return moveInArena(at, dx, dy, 300, 10, FIELD);
}

/** Markers on rows across the field, each drifting sideways and turning at the edges. */
function createWorld(): InterestWorld {
  const markers = new Map<number, Mover>();
  for (let i = 0; i < MARKER_COUNT; i += 1) markers.set(100 + i, { x: ((i * 397) % 1_900) + 60, y: 60 + Math.floor(i / 4) * 190, vx: i % 2 === 0 ? MARKER_SPEED : -MARKER_SPEED });
  return { players: new Map(), markers, secret: { x: 1_000, y: 1_000, vx: 0 } };
}

function drift(mover: Mover): void {
  mover.x += mover.vx / 60;
  if (mover.x < 20 || mover.x > FIELD.width - 20) mover.vx = -mover.vx;
}

/**
 * A game to test interest management with: players walk a 2048² field and see 400 px around
 * them; 40 markers drift across it; a secret is for the player in slot 1 only; a scoreboard is
 * for everyone.
 */
export function interestGame(): GameDefinition<InterestWorld, typeof fields> {
  return defineGame({
    name: 'interest-test',
    arena: FIELD,
    fields,
    isValidInput: (input) => Number.isInteger(input) && input >= 0 && input < 16,
    createState: createWorld,
    addPlayer: (world, slot, previous) => {
      world.players.set(slot, previous ? { x: previous.x, y: previous.y } : { ...spawnPoint(slot, FIELD) });
    },
    removePlayer: (world, slot) => {
      world.players.delete(slot);
    },
    step: (world, { inputs }) => {
      for (const [slot, player] of world.players) Object.assign(player, walk(player, inputs.get(slot) ?? 0));
      for (const marker of world.markers.values()) drift(marker);
    },
    playerPosition: (world, slot) => world.players.get(slot),
    capture(world, emit) {
      for (const [slot, player] of world.players) emit({ id: slot, x: player.x, y: player.y, kind: Kind.Player });
      for (const [id, marker] of world.markers) emit({ id, x: marker.x, y: marker.y, kind: Kind.Marker });
      if (world.secret) emit({ id: SECRET_ID, x: world.secret.x, y: world.secret.y, kind: Kind.Secret });
      emit({ id: BOARD_ID, x: 0, y: 0, kind: Kind.Board });
    },
    restore: ({ entities }) => {
      const world: InterestWorld = { players: new Map(), markers: new Map(), secret: undefined };
      for (const entity of entities) {
        if (entity.kind === Kind.Player) world.players.set(entity.id, { x: entity.x, y: entity.y });
        // A successor knows only the markers it was sent; their direction it cannot know.
        else if (entity.kind === Kind.Marker) world.markers.set(entity.id, { x: entity.x, y: entity.y, vx: MARKER_SPEED });
        else if (entity.kind === Kind.Secret) world.secret = { x: entity.x, y: entity.y, vx: 0 };
      }
      return world;
    },
    predict: (self, input) => walk(self, input),
    interest: {
      radius: SIGHT,
      visibility: (entity, viewer) => {
        if (entity.kind === Kind.Board) return 'always';
        if (entity.kind === Kind.Secret) return viewer?.id === 1 ? 'always' : 'never';
        return 'near';
      },
    },
  });
}

export function isSecret(entity: InterestEntity): boolean {
  return entity.kind === Kind.Secret || entity.id === SECRET_ID;
}
export function isMarker(entity: InterestEntity): boolean {
  return entity.kind === Kind.Marker;
}
