import { describe, expect, it } from 'vitest';
import { Kind, LARGE_ARENA_SIGHT, LARGE_ARENA_SIZE } from '../../src/games/arena/arena-game.js';
import { followedView } from '../../src/games/arena/edge-markers.js';
import type { DebugState } from '../../src/view/debug-hook.js';
import { OUTPUT_DIR, untilTrue, useChromiumSuite } from '../support/chromium-suite.js';
import { debugState, hostGame, waitForState } from '../support/game-page.js';
import { dragOnArena } from '../support/phone-gestures.js';

const VIEW = { width: 960, height: 540 };

function gems(state: DebugState): DebugState['entities'] {
  return state.entities.filter((entity) => entity.kind === Kind.Gem);
}

function self(state: DebugState): { x: number; y: number } {
  const player = state.players.find((entry) => entry.isSelf);
  if (!player) throw new Error('the page has no player of its own');
  return player;
}

/** Where a camera that follows `at` within the arena's edges looks: the centre of what it shows. */
function followed(at: { x: number; y: number }): { x: number; y: number } {
  const view = followedView(at, VIEW, LARGE_ARENA_SIZE);
  return { x: view.x + view.width / 2, y: view.y + view.height / 2 };
}

/**
 * Zap Arena's large arena, as friends choose it on the start page: the host picks it, a phone
 * joins by the invite link (which names it), its camera follows its fighter while it drags across
 * the arena, and it is sent only what is near; a spectator sees the whole arena, scaled down.
 */
describe('Zap Arena, large arena: the host chooses it, every page runs it, each sees what is near', () => {
  const suite = useChromiumSuite();

  it('the invite names it, the phone\'s camera follows its fighter, far gems never reach it, a spectator sees everything', async () => {
    const host = await suite.open();
    const invite = await hostGame(host, suite.origin(), 'Ann', '?gems=10', { variant: 'large' });

    const phone = await suite.openPhone();
    await phone.goto(invite);
    await untilTrue(phone, 'the invitation to name the large arena', "document.querySelector('#invitation')?.textContent.includes('(Large arena')");
    await phone.fill('#name', 'Pocket');
    await phone.click('#submit');
    const joined = await waitForState(phone, 'the phone in the large arena, drawing its fighter', (state) => state.arena?.width === LARGE_ARENA_SIZE.width && state.drawnPlayers >= 1 && state.camera !== undefined);
    expect(joined.arena).toEqual(LARGE_ARENA_SIZE);

    // Sixty gems on the host (ten, six times over); the phone gets only those within sight.
    const onHost = await waitForState(host, 'sixty gems on the host', (state) => gems(state).length === 60);
    expect(onHost.arena).toEqual(LARGE_ARENA_SIZE);
    const before = await debugState(phone);
    expect(gems(before).length).toBeLessThan(60);
    const far = gems(before).filter((gem) => Math.hypot(gem.x - self(before).x, gem.y - self(before).y) > LARGE_ARENA_SIGHT + 40);
    expect(far).toEqual([]);
    expect(before.camera?.zoom).toBe(1);
    expect(before.camera?.x).toBeCloseTo(followed(self(before)).x, -1.5);
    expect(before.camera?.y).toBeCloseTo(followed(self(before)).y, -1.5);

    // A drag across the screen: the fighter walks on, the camera with it (the stick stays under the finger).
    const direction = self(before).x < LARGE_ARENA_SIZE.width / 2 ? 1 : -1;
    const lift = await dragOnArena(phone, 90 * direction, 0);
    const moved = await waitForState(phone, 'the camera to follow the fighter 300 px', (state) => state.camera !== undefined && (state.camera.x - (before.camera?.x ?? 0)) * direction > 300, 10_000);
    await lift();
    expect(moved.camera?.x).toBeCloseTo(followed(self(moved)).x, -1.5);
    await phone.screenshot(`${OUTPUT_DIR}/large-arena-phone.png`);
    const after = await debugState(phone);
    expect(gems(after).filter((gem) => Math.hypot(gem.x - self(after).x, gem.y - self(after).y) > LARGE_ARENA_SIGHT + 40)).toEqual([]);

    // A spectator has no fighter to follow: the whole arena, scaled to the canvas, every gem.
    const watcher = await suite.open();
    await watcher.goto(`${invite}?spectate`);
    await watcher.fill('#name', 'Eye');
    await watcher.click('#submit');
    const watching = await waitForState(watcher, 'the spectator to see all sixty gems', (state) => gems(state).length === 60 && state.camera !== undefined && state.camera.zoom < 1);
    expect(watching.camera?.zoom).toBeCloseTo(Math.min(VIEW.width / LARGE_ARENA_SIZE.width, VIEW.height / LARGE_ARENA_SIZE.height), 3);
    await watcher.screenshot(`${OUTPUT_DIR}/large-arena-spectator.png`);
    for (const page of [host, phone, watcher]) expect(page.errors()).toEqual([]);
  });
});
