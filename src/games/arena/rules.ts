import { moveInArena, spawnPoint, TICK_RATE, type ArenaSize, type StepContext } from 'hostmesh';
import { unpackInput } from './arena-input.js';

/** Zap Arena's rules, in numbers a designer can tune. */
export const RULES = {
  speed: 200,
  radius: 16,
  maxHp: 3,
  /** Ticks between two zaps of one player (0.4 s). */
  cooldownTicks: 24,
  /** How far a zap reaches, px. */
  reach: 420,
  /** Ticks a zap stays visible. */
  zapShowTicks: 8,
  /** Ticks a zapped-out player waits before coming back (2 s). */
  respawnTicks: 2 * TICK_RATE,
  gems: 4,
  gemRadius: 10,
  roundSeconds: 90,
  resultsSeconds: 8,
} as const;

export interface Fighter {
  readonly slot: number;
  x: number;
  y: number;
  aim: number;
  hp: number;
  score: number;
  cooldown: number;
  /** Ticks until back in play; 0 while playing. */
  respawn: number;
  /** Ticks the last zap stays on screen, and how far it reached. */
  zapTicks: number;
  zapReach: number;
}

export interface Gem {
  readonly id: number;
  x: number;
  y: number;
}

/** `warmup`: before the host presses Start (zaps work, nothing scores, no clock). */
export type Phase = 'warmup' | 'playing' | 'results';

export interface ArenaState {
  readonly arena: ArenaSize;
  readonly fighters: Map<number, Fighter>;
  readonly gems: Gem[];
  phase: Phase;
  /** Ticks left in this phase. */
  phaseTicks: number;
  round: number;
  /** Length of a round in ticks (the host's choice). */
  readonly roundTicks: number;
  /** Pseudo-random state for gem spawns: part of the state, so a successor host continues it. */
  seed: number;
}

/** First id of gem entities: 0–15 are the fighters', 16 is the scoreboard. */
export const GEM_ID_BASE = 32;

/** A host's choices for its games. */
export interface ArenaOptions {
  readonly roundSeconds: number;
  /** Gems on the field at once (a stress setting: the frame-budget measurement uses 196). */
  readonly gems: number;
}

export const DEFAULT_OPTIONS: ArenaOptions = { roundSeconds: RULES.roundSeconds, gems: RULES.gems };

export function createArena(arena: ArenaSize, seed = 1, options: ArenaOptions = DEFAULT_OPTIONS): ArenaState {
  const roundTicks = options.roundSeconds * TICK_RATE;
  const state: ArenaState = { arena, fighters: new Map(), gems: [], phase: 'warmup', phaseTicks: roundTicks, round: 0, roundTicks, seed: seed >>> 0 || 1 };
  addGems(state, options.gems);
  return state;
}

/**
 * Places new gems, under ids no gem has, until `count` are on the field: a successor host in the
 * large arena was sent only the gems near its own fighter and puts the others back this way.
 */
export function addGems(state: ArenaState, count: number): void {
  const taken = new Set(state.gems.map((gem) => gem.id));
  for (let id = GEM_ID_BASE; state.gems.length < count; id += 1) {
    if (!taken.has(id)) state.gems.push(placeGem(state, { id, x: 0, y: 0 }));
  }
}

/** xorshift32: tiny, fast, and the same on every peer. */
function random(state: ArenaState): number {
  let x = state.seed;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  state.seed = x >>> 0;
  return state.seed / 2 ** 32;
}

function placeGem(state: ArenaState, gem: Gem): Gem {
  const margin = 40;
  gem.x = margin + random(state) * (state.arena.width - 2 * margin);
  gem.y = margin + random(state) * (state.arena.height - 2 * margin);
  return gem;
}

export function addFighter(state: ArenaState, slot: number, previous?: Partial<Fighter>): Fighter {
  const at = spawnPoint(slot, state.arena);
  const fighter: Fighter = {
    slot,
    x: previous?.x ?? at.x,
    y: previous?.y ?? at.y,
    aim: previous?.aim ?? 0,
    hp: previous?.hp ?? RULES.maxHp,
    score: previous?.score ?? 0,
    cooldown: 0,
    respawn: previous?.hp === 0 ? RULES.respawnTicks : 0,
    zapTicks: 0,
    zapReach: 0,
  };
  state.fighters.set(slot, fighter);
  return fighter;
}

/** One tick: the round clock, movement, zaps (judged as each shooter saw them) and gems. */
export function stepArena(state: ArenaState, context: StepContext): void {
  if (state.phase === 'warmup') {
    if (context.started) newRound(state);
  } else {
    advanceClock(state);
  }
  for (const fighter of state.fighters.values()) {
    const input = unpackInput(context.inputs.get(fighter.slot) ?? 0);
    if (fighter.zapTicks > 0) fighter.zapTicks -= 1;
    if (fighter.cooldown > 0) fighter.cooldown -= 1;
    if (fighter.respawn > 0) {
      fighter.respawn -= 1;
      if (fighter.respawn === 0) Object.assign(fighter, spawnPoint(fighter.slot, state.arena), { hp: RULES.maxHp });
      continue;
    }
    const moved = moveFighter(state.arena, fighter, input.dx, input.dy);
    fighter.x = moved.x;
    fighter.y = moved.y;
    fighter.aim = input.aim;
    if (input.fire && fighter.cooldown === 0) zap(state, fighter, context);
    collectGems(state, fighter);
  }
}

/** One tick of a fighter's movement: the step and the client's prediction share it. */
export function moveFighter(arena: ArenaSize, at: { x: number; y: number }, dx: number, dy: number): { x: number; y: number } {
  return moveInArena(at, dx, dy, RULES.speed, RULES.radius, arena);
}

function advanceClock(state: ArenaState): void {
  state.phaseTicks -= 1;
  if (state.phaseTicks > 0) return;
  if (state.phase === 'playing') {
    state.phase = 'results';
    state.phaseTicks = RULES.resultsSeconds * TICK_RATE;
    return;
  }
  newRound(state);
}

/** A new round with everyone still in the room: scores back to zero, everyone at their spawn. */
function newRound(state: ArenaState): void {
  state.phase = 'playing';
  state.phaseTicks = state.roundTicks;
  state.round += 1;
  for (const fighter of state.fighters.values()) Object.assign(fighter, spawnPoint(fighter.slot, state.arena), { hp: RULES.maxHp, score: 0, respawn: 0 });
  for (const gem of state.gems) placeGem(state, gem);
}

function zap(state: ArenaState, shooter: Fighter, context: StepContext): void {
  shooter.cooldown = RULES.cooldownTicks;
  shooter.zapTicks = RULES.zapShowTicks;
  const hit = context.rayHit(shooter.slot, shooter, shooter.aim, RULES.reach, RULES.radius);
  const target = hit && state.fighters.get(hit.slot);
  shooter.zapReach = hit ? hit.distance : RULES.reach;
  // Warm-up zaps knock out for practice; only a round's knock-outs score.
  if (!target || target.respawn > 0 || state.phase === 'results') return;
  target.hp -= 1;
  if (target.hp > 0) return;
  target.respawn = RULES.respawnTicks;
  if (state.phase === 'playing') shooter.score += 1;
}

function collectGems(state: ArenaState, fighter: Fighter): void {
  for (const gem of state.gems) {
    if (Math.hypot(gem.x - fighter.x, gem.y - fighter.y) > RULES.radius + RULES.gemRadius) continue;
    if (state.phase === 'playing') fighter.score += 1;
    placeGem(state, gem);
  }
}

/** Seconds left in the current phase, rounded up (what the clock on screen shows). */
export function secondsLeft(state: ArenaState): number {
  return Math.ceil(state.phaseTicks / TICK_RATE);
}
