import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/games/arena/rules.js';
import { board, faceFromBelow, fighter, scores, zap } from '../support/arena-script.js';
import { waitForVoices } from '../support/voice.js';
import type { TestPage } from '../support/browsers/test-page.js';
import { debugState, waitForState } from '../support/game-page.js';
import { OUTPUT_DIR, untilTrue, useChromiumSuite } from '../support/chromium-suite.js';
const ROUND_SECONDS = 20;

/**
 * The demo as four friends play it, in four Chromium pages with fake microphones: a public game
 * in the list, three ways in (invite link, quick join, code), the waiting room, a scripted round
 * with zaps and a knock-out, chat, push-to-talk voice between everyone, the results, and a new
 * round with everyone still in.
 */
describe('Zap Arena: a whole round between four Chromium pages', () => {
  const suite = useChromiumSuite({}, { fakeMedia: true });

  it('list, join three ways, play a round, agree on the scores, see the results and a new round', async () => {
    const origin = suite.origin();
    const open = (): Promise<TestPage> => suite.open();
    const [ann, bea, cem, dan] = [await open(), await open(), await open(), await open()];
    const pages = [ann, bea, cem, dan];

    await ann.goto(`${origin}/?round=${ROUND_SECONDS}`);
    await ann.fill('#name', 'Ann');
    await ann.fill('#game-name', 'Friday zap');
    await ann.evaluate("document.querySelector('#public').checked = true");
    await ann.click('#submit');
    await ann.waitForSelector('#invite-link');
    const invite = await ann.inputValue('#invite-link');
    const code = invite.slice(invite.lastIndexOf('/') + 1);

    await bea.goto(origin);
    await untilTrue(bea, 'the game in the public list', "[...document.querySelectorAll('#games tr.game')].some((row) => row.textContent.includes('Friday zap'))");
    await bea.screenshot(`${OUTPUT_DIR}/arena-lobby.png`);
    await bea.goto(invite);
    await bea.fill('#name', 'Bea');
    await bea.click('#submit');
    await cem.goto(origin);
    await cem.fill('#name', 'Cem');
    await cem.click('#quick-join');
    await dan.goto(origin);
    await dan.fill('#name', 'Dan');
    await dan.fill('#code', code);
    await dan.click('#join-code');
    for (const page of pages) await waitForState(page, 'four fighters', (state) => state.drawnPlayers === 4);
    for (const page of pages) expect((await debugState(page)).code).toBe(code);

    // The waiting room: the others say ready (the host readies by starting), the host sees it and starts; round 1 begins on every page.
    expect(await ann.evaluate<boolean>("document.querySelector('#ready') === null")).toBe(true);
    await untilTrue(ann, 'nobody ready yet', "document.querySelector('#start')?.textContent === 'Start (0/3 ready)'");
    for (const page of pages.slice(1)) {
      await page.click('#ready');
      await untilTrue(page, 'the lobby to confirm ready', "document.querySelector('#ready')?.textContent === 'Not ready'");
    }
    await untilTrue(ann, 'everyone ready', "document.querySelector('#start')?.textContent === 'Start (3/3 ready)'");
    expect(board(await debugState(ann)).phase).toBe(2);
    await ann.screenshot(`${OUTPUT_DIR}/arena-waiting-room.png`);
    await ann.click('#start');
    for (const page of pages) await waitForState(page, 'round 1', (state) => board(state).round === 1 && board(state).phase === 0);
    expect(await bea.evaluate<boolean>("document.querySelector('#start') === null && document.querySelector('#ready') === null")).toBe(true);

    // Bea walks below Ann, faces her and zaps until Ann is knocked out.
    const annOnBea = (await debugState(bea)).players.find((player) => player.name === 'Ann');
    if (!annOnBea) throw new Error('Bea should see Ann');
    await faceFromBelow(bea, annOnBea);
    const beaSlot = (await debugState(bea)).players.find((player) => player.isSelf)?.slot ?? -1;
    const before = fighter(await debugState(ann), beaSlot).score;
    for (let i = 0; i < RULES.maxHp; i += 1) {
      await zap(bea);
      await new Promise((resolve) => setTimeout(resolve, (RULES.cooldownTicks / 60) * 1000 + 150));
    }
    const afterKo = await waitForState(ann, 'Ann knocked out, Bea scoring', (state) => fighter(state, beaSlot).score > before);
    expect(fighter(afterKo, annOnBea.slot).hp).toBe(0);

    // Trash talk over the reliable channel, and push-to-talk voice from everyone to everyone.
    await cem.fill('#chat-input', 'nice zap, Bea');
    await cem.keyDown('Enter');
    await cem.keyUp('Enter');
    // Escape leaves the chat box, so keys play again (V talks instead of typing a "v").
    await cem.keyDown('Escape');
    await cem.keyUp('Escape');
    for (const page of pages) await waitForState(page, 'the chat line', (state) => state.chat.some((line) => line.senderName === 'Cem' && line.text === 'nice zap, Bea'));
    for (const page of pages) await page.keyDown('v');
    for (const [index, page] of pages.entries()) {
      const audio = await waitForVoices(page, 3, `page ${index} to hear the three others`);
      console.log(`page ${index} hears: ${audio.map((a) => `level ${a.stats?.audioLevel.toFixed(3)}`).join(', ')}`);
    }
    await bea.screenshot(`${OUTPUT_DIR}/arena-game.png`);
    for (const page of pages) await page.keyUp('v');

    // The round ends: every page shows the same results, and the scores agree everywhere.
    for (const page of pages) await waitForState(page, 'the results', (state) => board(state).phase === 1, (ROUND_SECONDS + 5) * 1000);
    const results = await Promise.all(pages.map((page) => page.textContent('#hud-results')));
    const finalScores = await Promise.all(pages.map(async (page) => scores(await debugState(page))));
    console.log(`Zap Arena round: scores ${JSON.stringify(finalScores[0])}; results:\n${results[0]}`);
    for (const shown of results) expect(shown).toBe(results[0]);
    for (const seen of finalScores) expect(seen).toEqual(finalScores[0]);
    expect(finalScores[0]?.[beaSlot]).toBeGreaterThanOrEqual(1);
    await ann.screenshot(`${OUTPUT_DIR}/arena-results.png`);

    // A new round starts by itself, with everyone still in and the scores back to zero.
    const next = await waitForState(cem, 'round 2', (state) => board(state).round === 2 && board(state).phase === 0);
    expect(next.players).toHaveLength(4);
    expect(Object.values(scores(next)).every((score) => score <= 1)).toBe(true);
    expect(pages.flatMap((page) => page.errors())).toEqual([]);
    for (const page of pages) await page.close();
  }, 90_000);
});
