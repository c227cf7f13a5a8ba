import { defineGame, defineVariants, positionFields, TICK_RATE, type ArenaSize, type EntityOf, type GameDefinition, type GameVariant, type InterestRules } from 'hostmesh';
import { isValidArenaInput, unpackInput } from './arena-input.js';
import { addFighter, addGems, createArena, DEFAULT_OPTIONS, moveFighter, secondsLeft, stepArena, type ArenaOptions, type ArenaState, type Phase } from './rules.js';

export const ARENA_SIZE: ArenaSize = { width: 960, height: 540 };
/**
 * The large arena: 2.5 times as wide and high as the screen shows (the camera follows each
 * fighter), room for 16.
 */
export const LARGE_ARENA_SIZE: ArenaSize = { width: 2400, height: 1344 };
/**
 * How far a fighter sees in the large arena: a little past the corners of the 960 × 540 view
 * around it (551 px away), so nothing on screen is ever missing and what comes into view was
 * already sent.
 */
export const LARGE_ARENA_SIGHT = 640;
/** Gems in the large arena for each one in the standard arena: about its share of the area. */
const LARGE_ARENA_GEM_FACTOR = 6;
/** The most gems a host may ask for (`?gems=`). */
export const MAX_GEMS = 240;

/** What each entity is, in the `kind` field. */
export const Kind = { Fighter: 0, Gem: 1, Board: 2 } as const;
/** Up to 16 fighters: their entity ids are their slots, 0–15. */
export const ARENA_MAX_PLAYERS = 16;
/** The scoreboard entity's id, the first after the fighters': the round clock, phase and round number travel on it. */
export const BOARD_ID = ARENA_MAX_PLAYERS;
/** Phase numbers on the wire (the scoreboard's `phase` field). */
export const PHASES: readonly Phase[] = ['playing', 'results', 'warmup'];

/**
 * What Zap Arena's entities carry. Fighters use `kind`, `aim`, `hp`, `score`, `zap` and `reach`;
 * gems only their position; the scoreboard `clock`, `phase` and `round`.
 */
export function arenaFields(arena: ArenaSize) {
  return {
    ...positionFields(arena),
    kind: { kind: 'uint', bits: 2 },
    aim: { kind: 'angle', bits: 8 },
    hp: { kind: 'uint', bits: 2 },
    score: { kind: 'uint', bits: 8 },
    zap: { kind: 'uint', bits: 1 },
    reach: { kind: 'uint', bits: 9 },
    clock: { kind: 'uint', bits: 8 },
    phase: { kind: 'uint', bits: 2 },
    round: { kind: 'uint', bits: 8 },
  } as const;
}

export type ArenaFields = ReturnType<typeof arenaFields>;
/** A fighter, gem or the scoreboard, as every page reads it back. */
export type ArenaEntity = EntityOf<ArenaFields>;

/**
 * Zap Arena as the engine runs it. Fighters are entities 0–15 (their slots), the scoreboard is
 * entity 16, gems are 32 and up. A zap is hitscan, judged by the engine's lag compensation
 * against the world as the shooter saw it.
 */
export function arenaGame(arena: ArenaSize = ARENA_SIZE, options: ArenaOptions = DEFAULT_OPTIONS, interest?: InterestRules<ArenaFields>): GameDefinition<ArenaState, ArenaFields> {
  return defineGame({
    name: 'arena',
    arena,
    maxPlayers: ARENA_MAX_PLAYERS,
    ...(interest === undefined ? {} : { interest }),
    fields: arenaFields(arena),
    isValidInput: isValidArenaInput,
    createState: () => createArena(arena, Date.now(), options),
    addPlayer: (state, slot, previous) => {
      addFighter(state, slot, previous && { x: previous.x, y: previous.y, hp: previous.hp, score: previous.score });
    },
    removePlayer: (state, slot) => {
      state.fighters.delete(slot);
    },
    step: stepArena,
    playerPosition: (state, slot) => state.fighters.get(slot),
    capture(state, emit) {
      for (const f of state.fighters.values()) {
        emit({ id: f.slot, x: f.x, y: f.y, kind: Kind.Fighter, aim: f.aim, hp: f.respawn > 0 ? 0 : f.hp, score: Math.min(255, f.score), zap: f.zapTicks > 0 ? 1 : 0, reach: Math.round(f.zapReach) });
      }
      for (const gem of state.gems) emit({ id: gem.id, x: gem.x, y: gem.y, kind: Kind.Gem });
      emit({ id: BOARD_ID, x: 0, y: 0, kind: Kind.Board, clock: secondsLeft(state), phase: PHASES.indexOf(state.phase), round: state.round % 256 });
    },
    restore: ({ tick, entities }) => {
      const state = createArena(arena, tick + 1, { ...options, gems: 0 });
      for (const entity of entities) {
        if (entity.kind === Kind.Gem) state.gems.push({ id: entity.id, x: entity.x, y: entity.y });
        else if (entity.kind === Kind.Board) {
          state.phase = PHASES[entity.phase] ?? 'warmup';
          state.phaseTicks = Math.max(1, entity.clock * TICK_RATE);
          state.round = entity.round;
        } else {
          const fighter = addFighter(state, entity.id, { x: entity.x, y: entity.y, hp: entity.hp, score: entity.score });
          fighter.aim = entity.aim;
        }
      }
      // Gems this peer was not sent (the large arena sends only the near ones) are placed anew.
      addGems(state, options.gems);
      return state;
    },
    predict: (self, input) => {
      if (self.hp === 0) return self;
      const { dx, dy } = unpackInput(input);
      return moveFighter(arena, self, dx, dy);
    },
  });
}

/**
 * Zap Arena as the start page offers it: the standard arena, or the large one, where each page is
 * sent only the gems near its own fighter, which keeps the host's upload low with 16 players and
 * many gems. Every fighter and the scoreboard go to everyone: the scoreboard lists every score,
 * and a successor host knows every fighter's score (it rebuilds the world from what it was sent).
 */
export function arenaVariants(options: ArenaOptions = DEFAULT_OPTIONS): readonly GameVariant<ArenaState, ArenaFields>[] {
  const largeOptions = { ...options, gems: Math.min(MAX_GEMS, options.gems * LARGE_ARENA_GEM_FACTOR) };
  return defineVariants([
    { id: 'standard', label: 'Standard arena', game: arenaGame(ARENA_SIZE, options) },
    {
      id: 'large',
      label: 'Large arena',
      game: arenaGame(LARGE_ARENA_SIZE, largeOptions, {
        radius: LARGE_ARENA_SIGHT,
        visibility: (entity) => (entity.kind === Kind.Gem ? 'near' : 'always'),
      }),
    },
  ]);
}
