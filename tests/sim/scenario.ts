import { seededRandom } from '../../src/util/seeded-random.js';

/** A player's name, or `host`: whoever hosts the game (by the lobby's flag) when the event runs. */
export type Who = string;

/** The attacks a hostile peer makes, sent straight over its own peer links. */
export type Attack = 'takeover' | 'snapshot' | 'roster' | 'yield' | 'follow' | 'garbage';

/** One thing that happens to the game. Every action is skipped when it makes no sense at the time (so a shrunk list still runs). */
export type Action =
  | { readonly kind: 'join'; readonly player: string; readonly how: 'code' | 'quick' | 'spectate' }
  | { readonly kind: 'leave'; readonly who: Who }
  | { readonly kind: 'close-tab'; readonly who: Who }
  | { readonly kind: 'crash'; readonly who: Who }
  | { readonly kind: 'reload'; readonly who: Who; readonly loadMs: number }
  | { readonly kind: 'lobby-restart'; readonly downMs: number }
  | { readonly kind: 'lobby-unreachable'; readonly who: Who; readonly forMs: number }
  | { readonly kind: 'partition'; readonly isolated: readonly Who[] }
  | { readonly kind: 'heal' }
  | { readonly kind: 'network'; readonly who: Who; readonly latencyMs: number; readonly jitterMs: number; readonly loss: number }
  | { readonly kind: 'hide'; readonly who: Who }
  | { readonly kind: 'show'; readonly who: Who }
  | { readonly kind: 'kick'; readonly target: string }
  | { readonly kind: 'lock'; readonly locked: boolean }
  | { readonly kind: 'start' }
  | { readonly kind: 'attack'; readonly attack: Attack; readonly epoch: number; readonly claimSlot: number };

/** An action and how long after the previous one it happens. */
export interface ScenarioEvent {
  readonly afterMs: number;
  readonly action: Action;
}

export interface Scenario {
  readonly seed: number;
  /** Everyone who ever plays; the first one hosts the game at the start. */
  readonly players: readonly string[];
  /** The player who attacks (sends forged authority messages), if any. */
  readonly hostile: string | undefined;
  readonly events: readonly ScenarioEvent[];
}

const NAMES = ['Ann', 'Ben', 'Cy', 'Dee', 'Eve', 'Fox'] as const;

/** The simulated lobby's reconnection grace (the real default is 30 s; shorter keeps scenarios short). */
export const SIM_GRACE_SECONDS = 8;

/** How a generated scenario is shaped: its length and how eventful it is. */
export interface GeneratorOptions {
  readonly minEvents: number;
  readonly maxEvents: number;
}

export const DEFAULT_GENERATOR: GeneratorOptions = { minEvents: 4, maxEvents: 14 };

/**
 * Draws a scenario from a seed: 3–6 players, the first hosts, the rest join over the first
 * events; then a random sequence of ordinary and adversarial actions, weighted toward the
 * combinations that broke games before (reloads, tab closes followed by joins, host crashes).
 */
export function generateScenario(seed: number, options: GeneratorOptions = DEFAULT_GENERATOR): Scenario {
  const random = seededRandom(seed ^ 0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (low: number, high: number): number => Math.round(low + random() * (high - low));
  const players = NAMES.slice(0, between(3, NAMES.length));
  const hostile = random() < 0.35 ? pick(players.slice(1)) : undefined;
  const events: ScenarioEvent[] = [];
  // Most players join first; some come later, in the random part.
  for (const player of players.slice(1)) {
    if (random() < 0.8) events.push({ afterMs: between(0, 400), action: { kind: 'join', player, how: random() < 0.8 ? 'code' : 'quick' } });
  }
  const count = between(options.minEvents, options.maxEvents);
  const someone = (): Who => (random() < 0.3 ? 'host' : pick(players));
  for (let i = 0; i < count; i += 1) {
    const afterMs = pick([0, 0, 50, 200, 500, 1_000, 2_000, 3_000, 5_000]);
    events.push({ afterMs, action: drawAction() });
  }
  return { seed, players, hostile, events };

  function drawAction(): Action {
    const roll = random();
    if (roll < 0.14) return { kind: 'reload', who: someone(), loadMs: random() < 0.85 ? between(200, 2_500) : between(SIM_GRACE_SECONDS * 1_000 + 500, SIM_GRACE_SECONDS * 1_000 + 4_000) };
    if (roll < 0.24) return { kind: 'join', player: pick(players), how: pick(['code', 'code', 'quick', 'spectate'] as const) };
    if (roll < 0.32) return { kind: 'close-tab', who: someone() };
    if (roll < 0.38) return { kind: 'crash', who: someone() };
    if (roll < 0.43) return { kind: 'leave', who: someone() };
    if (roll < 0.48) return { kind: 'partition', isolated: [someone(), ...(random() < 0.4 ? [pick(players)] : [])] };
    if (roll < 0.53) return { kind: 'heal' };
    if (roll < 0.58) return { kind: 'network', who: pick(players), latencyMs: between(0, 200), jitterMs: between(0, 60), loss: pick([0, 0, 0.02, 0.1, 0.3]) };
    if (roll < 0.63) return { kind: 'hide', who: someone() };
    if (roll < 0.67) return { kind: 'show', who: pick(players) };
    if (roll < 0.70) return { kind: 'lobby-restart', downMs: between(200, 4_000) };
    if (roll < 0.73) return { kind: 'lobby-unreachable', who: someone(), forMs: between(500, 8_000) };
    if (roll < 0.76) return { kind: 'kick', target: pick(players) };
    if (roll < 0.78) return { kind: 'lock', locked: random() < 0.5 };
    if (roll < 0.80) return { kind: 'start' };
    if (hostile !== undefined) {
      const epoch = pick([0, 1, 2, 3, 8, 9, 255, 32_768, 65_534, 65_535]);
      return { kind: 'attack', attack: pick(['takeover', 'takeover', 'snapshot', 'roster', 'yield', 'follow', 'garbage'] as const), epoch, claimSlot: between(0, 7) };
    }
    return { kind: 'reload', who: someone(), loadMs: between(200, 2_500) };
  }
}

/** When the scenario's last reload brings its page back, in ms from its first event (0 without reloads). */
export function lastReloadDone(scenario: Scenario): number {
  let at = 0;
  let done = 0;
  for (const { afterMs, action } of scenario.events) {
    at += afterMs;
    if (action.kind === 'reload') done = Math.max(done, at + action.loadMs);
  }
  return done;
}
