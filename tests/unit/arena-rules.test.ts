import { describe, expect, it } from 'vitest';
import type { StepContext } from '../../src/game/definition.js';
import { ReplicatedGame } from '../../src/game/replicated-game.js';
import { TICK_RATE } from '../../src/game/tick.js';
import { packInput, Move } from '../../src/games/arena/arena-input.js';
import { arenaGame, BOARD_ID } from '../../src/games/arena/arena-game.js';
import { addFighter, createArena, DEFAULT_OPTIONS, GEM_ID_BASE, RULES, stepArena, type ArenaState } from '../../src/games/arena/rules.js';

const ARENA = { width: 960, height: 540 };

/** A step context without lag (positions as they are now), for the rules alone. */
function context(state: ArenaState, tick: number, inputs: Map<number, number>): StepContext {
  return {
    tick,
    inputs,
    slots: [...state.fighters.keys()],
    started: true,
    hitAt: () => undefined,
    rayHit(shooter, origin, angle, range, radius) {
      let best: { slot: number; distance: number } | undefined;
      for (const target of state.fighters.values()) {
        if (target.slot === shooter) continue;
        const along = (target.x - origin.x) * Math.cos(angle) + (target.y - origin.y) * Math.sin(angle);
        const across = Math.abs((target.x - origin.x) * Math.sin(angle) - (target.y - origin.y) * Math.cos(angle));
        if (along < 0 || across > radius || along > range) continue;
        if (!best || along < best.distance) best = { slot: target.slot, distance: along };
      }
      return best;
    },
  };
}

function duel(): ArenaState {
  const state = createArena(ARENA, 7);
  state.phase = 'playing';
  state.round = 1;
  state.gems.length = 0;
  addFighter(state, 0, { x: 100, y: 300 });
  addFighter(state, 1, { x: 300, y: 300 });
  return state;
}

function run(state: ArenaState, ticks: number, inputs: Map<number, number>): void {
  for (let i = 0; i < ticks; i += 1) stepArena(state, context(state, i, inputs));
}

describe('Zap Arena rules', () => {
  it('takes a hit point per zap, at most one zap per cooldown, and scores the knock-out', () => {
    const state = duel();
    run(state, 1, new Map([[0, packInput(0, true, 0)]]));
    expect(state.fighters.get(1)?.hp).toBe(RULES.maxHp - 1);
    run(state, RULES.cooldownTicks - 1, new Map([[0, packInput(0, true, 0)]]));
    expect(state.fighters.get(1)?.hp).toBe(RULES.maxHp - 1);
    run(state, 2 * RULES.cooldownTicks, new Map([[0, packInput(0, true, 0)]]));
    expect(state.fighters.get(1)).toMatchObject({ hp: 0, respawn: expect.any(Number) as number });
    expect(state.fighters.get(0)?.score).toBe(1);
    // Knocked out: zaps pass it by; it comes back at full health after the respawn time.
    run(state, RULES.respawnTicks, new Map());
    expect(state.fighters.get(1)).toMatchObject({ hp: RULES.maxHp, respawn: 0 });
  });

  it('a zap aimed away misses', () => {
    const state = duel();
    run(state, 1, new Map([[0, packInput(0, true, Math.PI / 2)]]));
    expect(state.fighters.get(1)?.hp).toBe(RULES.maxHp);
    expect(state.fighters.get(0)?.zapReach).toBe(RULES.reach);
  });

  it('gives a point for a gem and puts the gem somewhere else', () => {
    const state = duel();
    state.gems.push({ id: GEM_ID_BASE, x: 110, y: 300 });
    run(state, 1, new Map());
    expect(state.fighters.get(0)?.score).toBe(1);
    expect(state.gems[0]).not.toMatchObject({ x: 110, y: 300 });
  });

  it('ends the round, shows results, then starts a new round with everyone at zero', () => {
    const state = duel();
    const fighter = state.fighters.get(0);
    if (fighter) fighter.score = 5;
    run(state, RULES.roundSeconds * TICK_RATE, new Map([[0, Move.Right]]));
    expect(state.phase).toBe('results');
    run(state, RULES.resultsSeconds * TICK_RATE, new Map());
    expect(state).toMatchObject({ phase: 'playing', round: 2 });
    expect(state.fighters.get(0)?.score).toBe(0);
    expect(state.fighters.size).toBe(2);
  });

  it('survives a host change: scores, hit points, gems and the clock come back from the snapshot', () => {
    const game = new ReplicatedGame(arenaGame(ARENA));
    const state = duel();
    state.gems.push({ id: GEM_ID_BASE, x: 500, y: 200 });
    run(state, 1, new Map([[0, packInput(0, true, 0)]]));
    const fighter = state.fighters.get(0);
    if (fighter) fighter.score = 9;
    state.phaseTicks = 42 * TICK_RATE;
    const snapshot = game.snapshot(game.capture(state, 1234));
    const restored = game.definition.restore({ tick: 1234, entities: [...snapshot.entities.values()] });
    expect(restored.fighters.get(0)?.score).toBe(9);
    expect(restored.fighters.get(1)?.hp).toBe(RULES.maxHp - 1);
    // The gem it was sent stays where it was; the field is filled up to the game's count anew.
    expect(restored.gems[0]).toEqual({ id: GEM_ID_BASE, x: 500, y: 200 });
    expect(restored.gems.length).toBe(DEFAULT_OPTIONS.gems);
    expect(new Set(restored.gems.map((gem) => gem.id)).size).toBe(DEFAULT_OPTIONS.gems);
    expect(Math.ceil(restored.phaseTicks / TICK_RATE)).toBe(42);
    expect(snapshot.entities.get(BOARD_ID)).toMatchObject({ clock: 42, phase: 0, round: 1 });
  });

  it('warms up until the host starts: knock-outs and gems do not score, then round 1 begins at the spawn points', () => {
    const state = createArena(ARENA, 7);
    addFighter(state, 0, { x: 100, y: 300 });
    addFighter(state, 1, { x: 300, y: 300 });
    state.gems.splice(0, state.gems.length, { id: GEM_ID_BASE, x: 110, y: 300 });
    const fire = new Map([[0, packInput(0, true, 0)]]);
    for (let i = 0; i < 3 * RULES.cooldownTicks; i += 1) stepArena(state, { ...context(state, i, fire), started: false });
    expect(state).toMatchObject({ phase: 'warmup', round: 0 });
    expect(state.fighters.get(1)?.hp).toBe(0);
    expect(state.fighters.get(0)?.score).toBe(0);
    stepArena(state, context(state, 100, new Map()));
    expect(state).toMatchObject({ phase: 'playing', round: 1 });
    expect(state.fighters.get(0)).toMatchObject({ score: 0, hp: RULES.maxHp });
    expect(state.fighters.get(0)?.x).not.toBe(100);
  });

  it('refuses inputs with bits the game does not use', () => {
    const game = arenaGame(ARENA);
    expect(game.isValidInput(packInput(Move.Up | Move.Left, true, 3))).toBe(true);
    expect(game.isValidInput(0x20)).toBe(false);
    expect(game.isValidInput(0x10000)).toBe(false);
  });
});
