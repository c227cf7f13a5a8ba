import type { TestPage } from './browsers/test-page.js';
import { debugState, waitForState } from './game-page.js';
import type { DebugState } from '../../src/view/debug-hook.js';

/** A fighter's score and hit points as a page draws them. */
export function fighter(state: DebugState, slot: number): { score: number; hp: number } {
  const entity = state.entities.find((candidate) => candidate.id === slot && (candidate['kind'] ?? 0) === 0);
  return { score: entity?.['score'] ?? 0, hp: entity?.['hp'] ?? 0 };
}

/** Every fighter's score on a page, by slot: what "scores agree on all pages" compares. */
export function scores(state: DebugState): Record<number, number> {
  return Object.fromEntries(state.players.map((player) => [player.slot, fighter(state, player.slot).score]));
}

/** The scoreboard entity's fields (clock, phase, round). */
export function board(state: DebugState): { clock: number; phase: number; round: number } {
  const entity = state.entities.find((candidate) => candidate['kind'] === 2);
  return { clock: entity?.['clock'] ?? 0, phase: entity?.['phase'] ?? 0, round: entity?.['round'] ?? 0 };
}

function selfOf(state: DebugState): { x: number; y: number } {
  return state.players.find((player) => player.isSelf) ?? { x: Number.NaN, y: Number.NaN };
}

/** Holds one key until `done` holds for the page's own player, then lets go. */
async function holdUntil(page: TestPage, key: string, what: string, done: (self: { x: number; y: number }) => boolean): Promise<void> {
  await page.keyDown(key);
  try {
    await waitForState(page, what, (state) => done(selfOf(state)));
  } finally {
    await page.keyUp(key);
  }
}

/**
 * Walks the page's own fighter straight below (or above) `target` with the keyboard, then turns
 * to face it: keyboard-only aiming follows the last direction moved.
 */
export async function faceFromBelow(page: TestPage, target: { x: number; y: number }): Promise<void> {
  const start = selfOf(await debugState(page));
  const sideways = target.x > start.x ? 'ArrowRight' : 'ArrowLeft';
  await holdUntil(page, sideways, 'level with the target', (self) => Math.abs(self.x - target.x) < 4);
  const towards = target.y < start.y ? 'ArrowUp' : 'ArrowDown';
  await holdUntil(page, towards, 'a step towards the target', (self) => Math.abs(self.y - start.y) >= 4);
}

/** Zaps once: Space held long enough for one input sample to carry it. */
export async function zap(page: TestPage): Promise<void> {
  await page.keyDown('Space');
  await new Promise((resolve) => setTimeout(resolve, 60));
  await page.keyUp('Space');
}
