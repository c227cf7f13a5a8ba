import type { TestPage } from './browsers/test-page.js';
import { debugState } from './game-page.js';
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

/** Holds a key for about `ms` (key events take their own time on a loaded machine). */
async function tap(page: TestPage, key: string, ms: number): Promise<void> {
  await page.keyDown(key);
  await new Promise((resolve) => setTimeout(resolve, ms));
  await page.keyUp(key);
}

/** How far a fighter moves per millisecond (200 px/s). */
const PX_PER_MS = 0.2;

/**
 * Walks the page's own fighter straight below (or above) `target` with the keyboard, then turns
 * to face it: keyboard-only aiming follows the last direction moved. Walks in shrinking steps and
 * looks again after each, so slow key events on a loaded machine cannot make it overshoot for good.
 */
export async function faceFromBelow(page: TestPage, target: { x: number; y: number }): Promise<void> {
  for (let step = 0; step < 20; step += 1) {
    const dx = target.x - selfOf(await debugState(page)).x;
    if (Math.abs(dx) <= 6) break;
    await tap(page, dx > 0 ? 'ArrowRight' : 'ArrowLeft', Math.min(600, Math.max(16, (Math.abs(dx) / PX_PER_MS) * 0.6)));
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  const self = selfOf(await debugState(page));
  if (Math.abs(target.x - self.x) > 6) throw new Error(`could not line up with the target: ${JSON.stringify({ self, target })}`);
  await tap(page, target.y < self.y ? 'ArrowUp' : 'ArrowDown', 30);
}
/** Zaps once: Space held long enough for one input sample to carry it. */
export async function zap(page: TestPage): Promise<void> {
  await page.keyDown('Space');
  await new Promise((resolve) => setTimeout(resolve, 60));
  await page.keyUp('Space');
}
