import { describe, expect, it } from 'vitest';
import type { TestPage } from '../support/browsers/test-page.js';
import { OUTPUT_DIR, useChromiumSuite } from '../support/chromium-suite.js';
import { debugState, hostGame, waitForState } from '../support/game-page.js';
import { dragOnArena, fitsScreen } from '../support/phone-gestures.js';
import type { DebugState } from '../../src/view/debug-hook.js';

/** Which help text the page shows: for touch or for keys and mouse. */
async function visibleHelp(page: TestPage): Promise<string> {
  return page.evaluate<string>("[...document.querySelectorAll('.help span')].filter((s) => getComputedStyle(s).display !== 'none').map((s) => s.className).join(' ')");
}

describe('a friend plays on a phone: joins by invite link, moves by touch, zaps by tapping', () => {
  const suite = useChromiumSuite();

  it('portrait and landscape: the arena fills the width or the height, a drag moves, a tap zaps where it lands', async () => {
    const desktop = await suite.open();
    const phone = await suite.openPhone();
    const invite = await hostGame(desktop, suite.origin(), 'Desk');

    await phone.goto(invite);
    await phone.fill('#name', 'Pocket');
    await phone.click('#submit');
    await waitForState(phone, 'the phone to draw both players', (state) => state.drawnPlayers === 2);
    const onDesk = await waitForState(desktop, 'the desktop to draw both players', (state) => state.drawnPlayers === 2);
    const pocketSlot = onDesk.players.find((player) => player.name === 'Pocket')?.slot;
    const pocket = (state: DebugState) => state.players.find((player) => player.name === 'Pocket');

    // Portrait: one column, the arena as wide as the screen, touch help, nothing sticking out.
    await phone.screenshot(`${OUTPUT_DIR}/phone-portrait.png`);
    const portraitArena = await phone.box('#arena');
    expect(portraitArena.width).toBeGreaterThan(360);
    expect(await fitsScreen(phone)).toBe(true);
    expect(await visibleHelp(phone)).toBe('help-touch');
    expect(await visibleHelp(desktop)).toBe('help-keys');

    // A drag to the right moves the phone's player on the desktop's screen; lifting stops it.
    const before = pocket(await debugState(desktop))?.x ?? Number.NaN;
    const lift = await dragOnArena(phone, 90, 0);
    await waitForState(desktop, 'the phone player to move right on the desktop', (state) => (pocket(state)?.x ?? 0) > before + 60);
    await lift();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const settled = pocket(await debugState(desktop))?.x ?? Number.NaN;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(pocket(await debugState(desktop))?.x).toBeCloseTo(settled, 0);

    // Landscape: the arena takes the screen's height.
    await phone.turn('landscape');
    await new Promise((resolve) => setTimeout(resolve, 600)); // the renderer refits on resize
    await phone.screenshot(`${OUTPUT_DIR}/phone-landscape.png`);
    const landscapeArena = await phone.box('#arena');
    expect(landscapeArena.height).toBeGreaterThan(300);
    expect(landscapeArena.y + landscapeArena.height).toBeLessThanOrEqual(await phone.evaluate<number>('window.innerHeight')); // all of it on screen
    expect(landscapeArena.width).toBeGreaterThan(portraitArena.width);
    expect(await fitsScreen(phone)).toBe(true);

    // A tap above and to the left of the player aims there and zaps: the desktop sees the beam that way.
    await desktop.evaluate(`(() => {
      window.__zaps = [];
      const watch = setInterval(() => {
        const fighter = window.__hostmesh.state().entities.find((entity) => entity.id === ${String(pocketSlot)} && entity.zap === 1);
        if (fighter) window.__zaps.push(fighter.aim);
      }, 4);
      setTimeout(() => clearInterval(watch), 8000);
    })()`);
    const self = pocket(await debugState(phone));
    const [selfX, selfY] = [self?.x ?? Number.NaN, self?.y ?? Number.NaN];
    const [dx, dy] = [selfX > 480 ? -150 : 150, selfY > 270 ? -100 : 100]; // towards the middle: the tap stays on the arena
    const arena = await phone.box('#arena');
    const scale = arena.width / 960;
    const [tapX, tapY] = [arena.x + (selfX + dx) * scale, arena.y + (selfY + dy) * scale];
    await phone.touchStart(1, tapX, tapY);
    await phone.touchEnd(1);
    const deadline = Date.now() + 8_000;
    let aims: number[] = [];
    while (aims.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      aims = await desktop.evaluate<number[]>('window.__zaps');
    }
    expect(aims.length).toBeGreaterThan(0);
    const off = (aims[0] ?? Number.NaN) - Math.atan2(dy, dx);
    expect(Math.abs(Math.atan2(Math.sin(off), Math.cos(off)))).toBeLessThan(0.1);
    expect([...desktop.errors(), ...phone.errors()]).toEqual([]);
    await phone.close();
    await desktop.close();
  }, 90_000);
});
