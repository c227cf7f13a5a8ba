import { describe, expect, it } from 'vitest';
import type { TestPage } from '../support/browsers/test-page.js';
import { debugState, hostGame, joinByLink, waitForState } from '../support/game-page.js';
import { dragOnArena, fitsScreen } from '../support/phone-gestures.js';
import type { DebugState } from '../../src/view/debug-hook.js';
import { OUTPUT_DIR, useChromiumSuite } from '../support/chromium-suite.js';

/** Who is "it" on this page: the slot whose entity carries it = 1. */
function itSlot(state: DebugState): number | undefined {
  return state.entities.find((entity) => entity['it'] === 1)?.id;
}

/**
 * The guide's example game, chosen at start (GAME=tag), played by three Chromium pages: whoever
 * is "it" walks into another player, and every page agrees that "it" moved on.
 */
describe('Tag, the example game of docs/GUIDE.md (Chromium)', () => {
  const suite = useChromiumSuite({ GAME: 'tag' });

  it('three players join by link; "it" passes on a touch and every page sees it', async () => {
    const origin = suite.origin();
    const open = (): Promise<TestPage> => suite.open();
    const pages = [await open(), await open(), await open()];
    const [ann, bea, cem] = pages as [TestPage, TestPage, TestPage];
    const invite = await hostGame(ann, origin, 'Ann');
    expect(await ann.evaluate<string>('document.title')).toBe('Tag · Hostmesh');
    await joinByLink(bea, invite, 'Bea');
    await joinByLink(cem, invite, 'Cem');
    for (const page of pages) await waitForState(page, 'three players, one of them "it"', (state) => state.drawnPlayers === 3 && itSlot(state) !== undefined);
    const first = itSlot(await debugState(ann));
    for (const page of pages) expect(itSlot(await debugState(page))).toBe(first);

    // "It" walks to the nearest other player: first level with it, then sideways into it.
    const chaserPage = pages[first ?? 0] ?? ann;
    const state = await debugState(chaserPage);
    const chaser = state.players.find((player) => player.slot === first);
    const target = state.players.filter((player) => player.slot !== first).sort((a, b) => Math.hypot(a.x - (chaser?.x ?? 0), a.y - (chaser?.y ?? 0)) - Math.hypot(b.x - (chaser?.x ?? 0), b.y - (chaser?.y ?? 0)))[0];
    if (!chaser || !target) throw new Error('need a chaser and a target');
    const vertical = target.y > chaser.y ? 'ArrowDown' : 'ArrowUp';
    await chaserPage.keyDown(vertical);
    await waitForState(chaserPage, 'level with the target', (s) => Math.abs((s.players.find((p) => p.slot === first)?.y ?? 0) - target.y) < 8);
    await chaserPage.keyUp(vertical);
    const sideways = target.x > chaser.x ? 'ArrowRight' : 'ArrowLeft';
    await chaserPage.keyDown(sideways);
    await waitForState(chaserPage, '"it" to pass on', (s) => itSlot(s) !== first);
    await chaserPage.keyUp(sideways);
    for (const page of pages) await waitForState(page, 'every page to agree on the new "it"', (s) => itSlot(s) === target.slot);
    await ann.screenshot(`${OUTPUT_DIR}/tag.png`);
    expect(pages.flatMap((page) => page.errors())).toEqual([]);
    for (const page of pages) await page.close();
  });

  it('a phone player steers by dragging on the arena (Tag has nothing to tap)', async () => {
    const desktop = await suite.open();
    const phone = await suite.openPhone();
    const invite = await hostGame(desktop, suite.origin(), 'Desk');
    await joinByLink(phone, invite, 'Pocket');
    for (const page of [desktop, phone]) await waitForState(page, 'both players drawn', (state) => state.drawnPlayers === 2);
    const pocketY = (state: DebugState): number => state.players.find((player) => player.name === 'Pocket')?.y ?? Number.NaN;
    const start = pocketY(await debugState(desktop));
    const up = start > 300; // towards the middle of the field
    const lift = await dragOnArena(phone, 0, up ? -80 : 80);
    await waitForState(desktop, 'the phone player to move on the desktop', (state) => Math.abs(pocketY(state) - start) > 60);
    await lift();
    expect(Math.sign(pocketY(await debugState(desktop)) - start)).toBe(up ? -1 : 1);
    expect(await fitsScreen(phone)).toBe(true);
    await phone.screenshot(`${OUTPUT_DIR}/tag-phone.png`);
    expect([...desktop.errors(), ...phone.errors()]).toEqual([]);
    await phone.close();
    await desktop.close();
  });
});
