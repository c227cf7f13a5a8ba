import { defineGame, moveInArena, positionFields, spawnPoint, type ArenaSize, type GameDefinition, type InterestRules } from '../src/index.js';

/** The world of the scale benchmark: 4096² pixels, 16 players and 240 wanderers (256 entities) plus a scoreboard. */
export const SCALE_WORLD: ArenaSize = { width: 4_096, height: 4_096 };
export const SCALE_PLAYERS = 16;
const WANDERERS = 240;
const BOARD_ID = 1_000;
/** Players and wanderers move at this speed, px/s. */
const SPEED = 200;

const fields = { ...positionFields(SCALE_WORLD), kind: { kind: 'uint', bits: 2 }, score: { kind: 'uint', bits: 8 } } as const;
type Kind = 0 | 1 | 2;
const Kind = { Player: 0, Wanderer: 1, Board: 2 } as const satisfies Record<string, Kind>;

interface Mover {
  x: number;
  y: number;
  heading: number;
}
export interface ScaleWorld {
  readonly players: Map<number, Mover>;
  readonly wanderers: Map<number, Mover>;
  tick: number;
}

/** A deterministic pseudo-random number in [0, 1) for one id and tick (no state to replicate). */
function noise(id: number, tick: number): number {
  const x = Math.sin(id * 12.9898 + tick * 78.233) * 43_758.5453;
  return x - Math.floor(x);
}

/** Heading (radians) a player's input asks for: the input is 1 + an eighth of a turn (0: stand). */
export function headingInput(heading: number): number {
  return 1 + (Math.round(((heading % (Math.PI * 2)) + Math.PI * 2) / (Math.PI / 4)) % 8);
}

function step(mover: Mover, heading: number): void {
  const moved = moveInArena(mover, Math.cos(heading), Math.sin(heading), SPEED, 8, SCALE_WORLD);
  mover.x = moved.x;
  mover.y = moved.y;
}

/**
 * The scale benchmark's game: players steer by a heading (input), wanderers change heading now
 * and then and bounce off the walls, the scoreboard goes to everyone. With `sight`, a peer is sent
 * only what is within that many pixels of its player (interest management).
 */
export function scaleGame(sight: number | undefined): GameDefinition<ScaleWorld, typeof fields> {
  const interest: InterestRules<typeof fields> | undefined = sight === undefined ? undefined : { radius: sight, visibility: (entity) => (entity.kind === Kind.Board ? 'always' : 'near') };
  return defineGame<ScaleWorld, typeof fields>({
    name: 'scale',
    arena: SCALE_WORLD,
    maxPlayers: SCALE_PLAYERS,
    fields,
    isValidInput: (input) => Number.isInteger(input) && input >= 0 && input <= 8,
    createState: () => {
      const wanderers = new Map<number, Mover>();
      for (let i = 0; i < WANDERERS; i += 1) {
        const id = SCALE_PLAYERS + i;
        wanderers.set(id, { x: 64 + noise(id, 1) * (SCALE_WORLD.width - 128), y: 64 + noise(id, 2) * (SCALE_WORLD.height - 128), heading: noise(id, 3) * Math.PI * 2 });
      }
      return { players: new Map(), wanderers, tick: 0 };
    },
    addPlayer: (world, slot, previous) => {
      const at = previous ?? spawnPoint(slot, SCALE_WORLD);
      world.players.set(slot, { x: at.x, y: at.y, heading: 0 });
    },
    removePlayer: (world, slot) => {
      world.players.delete(slot);
    },
    step: (world, { inputs }) => {
      world.tick += 1;
      for (const [slot, player] of world.players) {
        const input = inputs.get(slot) ?? 0;
        if (input > 0) step(player, ((input - 1) * Math.PI) / 4);
      }
      for (const [id, wanderer] of world.wanderers) {
        if (noise(id, world.tick) < 0.01) wanderer.heading = noise(id, world.tick + 1) * Math.PI * 2;
        step(wanderer, wanderer.heading);
        if (wanderer.x <= 8 || wanderer.x >= SCALE_WORLD.width - 8 || wanderer.y <= 8 || wanderer.y >= SCALE_WORLD.height - 8) wanderer.heading += Math.PI;
      }
    },
    playerPosition: (world, slot) => world.players.get(slot),
    capture(world, emit) {
      for (const [slot, player] of world.players) emit({ id: slot, x: player.x, y: player.y, kind: Kind.Player });
      for (const [id, wanderer] of world.wanderers) emit({ id, x: wanderer.x, y: wanderer.y, kind: Kind.Wanderer });
      emit({ id: BOARD_ID, x: 0, y: 0, kind: Kind.Board, score: world.tick % 256 });
    },
    restore: ({ tick, entities }) => {
      const world: ScaleWorld = { players: new Map(), wanderers: new Map(), tick };
      for (const entity of entities) {
        if (entity.kind === Kind.Player) world.players.set(entity.id, { x: entity.x, y: entity.y, heading: 0 });
        else if (entity.kind === Kind.Wanderer) world.wanderers.set(entity.id, { x: entity.x, y: entity.y, heading: noise(entity.id, tick) * Math.PI * 2 });
      }
      return world;
    },
    ...(interest === undefined ? {} : { interest }),
  });
}
