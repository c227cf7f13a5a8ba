import { afterEach, describe, expect, it } from 'vitest';
import type { TestPage } from '../support/browsers/test-page.js';
import { useChromiumSuite } from '../support/chromium-suite.js';
import { debugState, waitForState } from '../support/game-page.js';
import {
  closeTab,
  drawn,
  expectSeenMoving,
  joinUntilEveryoneDrawn,
  pageOf,
  playsWith,
  reloadUntilBack,
  startGame,
  unauthorizedCounts,
  type RunningGame,
} from '../support/session-steps.js';
import { describeObservation, statusTrace, watchPages, type Observation } from '../support/state-watch.js';

/** What a page must keep showing while a guest reloads: its role, the reign it plays under, everyone's slot. */
interface Expected {
  readonly role: string;
  readonly reign: { readonly id: string; readonly epoch: number };
  readonly slots: Readonly<Record<string, number>>;
}

/**
 * What is wrong with one observation of a page while a guest reloads (empty: nothing). The
 * reloading page must never host or look like a host (issue: "the reloading page briefly hosts
 * its own game"); no page may change role or reign, or draw anyone in another slot (issue: "one
 * guest's reload freezes the other guests for good": Bo followed a reign with epoch 2).
 */
function problems(seen: Observation, expected: Expected): string[] {
  const found: string[] = [];
  if (seen.role !== null && seen.role !== expected.role) found.push(`role ${seen.role}, expected ${expected.role}`);
  if (seen.host !== null && (seen.host.id !== expected.reign.id || seen.host.epoch !== expected.reign.epoch)) found.push('another reign');
  if (expected.role === 'client') {
    if (seen.statusText.includes('you host')) found.push('status says host');
    if (seen.selfTags.includes('host')) found.push('its own row is tagged host');
    if (seen.kickButtons > 0 || seen.startButton !== null) found.push("the host's buttons");
  }
  for (const [name, slot] of Object.entries(seen.slots)) {
    if (expected.slots[name] !== slot) found.push(`${name} in slot ${slot}, expected ${expected.slots[name] ?? 'none'}`);
  }
  return found;
}

/** Every problem seen on every page, one line each (the first few per page), naming the page and what it showed. */
function report(seen: ReadonlyMap<string, readonly Observation[]>, expected: ReadonlyMap<string, Expected>): string[] {
  const lines: string[] = [];
  for (const [name, observations] of seen) {
    const rules = expected.get(name);
    if (!rules) continue;
    const bad = observations.flatMap((observation) => {
      const found = problems(observation, rules);
      return found.length > 0 ? [`${found.join('; ')} — ${describeObservation(`${name}'s page`, observation)}`] : [];
    });
    lines.push(...bad.slice(0, 3));
    if (bad.length > 3) lines.push(`… ${name}'s page: ${bad.length} bad samples of ${observations.length}`);
  }
  return lines;
}

/** What each page shows now, before the sequence: the role, reign and slots it must keep. */
async function expectations(game: RunningGame): Promise<Map<string, Expected>> {
  const expected = new Map<string, Expected>();
  for (const [name, page] of game.pages) {
    const state = await debugState(page);
    if (!state.role || !state.host) throw new Error(`${name}'s page plays without a role or host: ${JSON.stringify(state.status)}`);
    expected.set(name, { role: state.role, reign: state.host, slots: Object.fromEntries(state.players.map((player) => [player.name, player.slot])) });
  }
  return expected;
}

/** Fails if any page's refused-message counter grows over a second (a page stuck on a reign its peers left). */
async function expectUnauthorizedSteady(game: RunningGame, when: string): Promise<void> {
  const before = await unauthorizedCounts(game);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(await unauthorizedCounts(game), `dropped.unauthorized per page must not grow ${when} (was ${JSON.stringify(before)})`).toEqual(before);
}

/** Every page plays under `reign`, drawing every player of the game; the message names any page that does not. */
async function expectOneReign(game: RunningGame, reign: Expected['reign']): Promise<void> {
  for (const [name, page] of game.pages) {
    const state = await waitForState(page, `${name}'s page to play with everyone`, (seen) => playsWith(seen, [...game.pages.keys()]));
    expect(state.host, `${name}'s page follows another reign than the host's ${JSON.stringify(reign)}`).toEqual(reign);
  }
}

/**
 * The issues' sequences, in real Chromium pages against the production server. Each test has its
 * own game and closes its own pages. Durations are printed, never asserted.
 */
describe('session sequences that broke real players (Chromium)', () => {
  // Every page comes from 127.0.0.1 and a reload counts as a join: lift the per-address limits.
  const suite = useChromiumSuite({ JOIN_RATE: '1000:100', CREATE_RATE: '1000:100' });
  const opened: TestPage[] = [];
  const open = async (): Promise<TestPage> => {
    const page = await suite.open();
    opened.push(page);
    return page;
  };
  afterEach(async () => {
    for (const page of opened.splice(0)) await page.close();
  });

  it('a guest reloads: it never hosts, comes back in its slot, and all three play on under the one host', async () => {
    const origin = suite.origin();
    const game = await startGame(open, origin, 'Ann', ['Ava', 'Bo']);
    const expected = await expectations(game);
    const reign = expected.get('Ann')?.reign;
    const avaSlot = expected.get('Ann')?.slots['Ava'];
    if (!reign || avaSlot === undefined) throw new Error('the host should list Ava');

    // Every page is watched from before the reload; Ava's new document from its first poll.
    const watch = await watchPages(game.pages);
    let seen: Map<string, Observation[]> | undefined;
    const reloadedAt = Date.now();
    try {
      const back = await reloadUntilBack(pageOf(game, 'Ava'), origin, 3);
      console.log(`reload with 3 pages: ${Math.round(back.ms)} ms from navigation to playing again, drawing all three`);
      expect(drawn(back.state, 'Ava')?.slot, "Ava's slot after her reload").toBe(avaSlot);
      await expectOneReign(game, reign);
      await expectUnauthorizedSteady(game, 'once the reload settled');
    } finally {
      seen = await watch.stop();
      const lines = report(seen, expected);
      if (lines.length > 0) console.log(`while Ava reloaded:\n${lines.join('\n')}`);
    }
    const avaSamples = seen.get('Ava') ?? [];
    const documents = [...new Set(avaSamples.map((sample) => sample.document))];
    expect(documents.length, "Ava's page sampled before and after the reload").toBe(2);
    const reloaded = avaSamples.filter((sample) => sample.document === documents[1]);
    const after = (sample: Observation | undefined): number => (sample?.at ?? Number.NaN) - reloadedAt;
    console.log(
      `Ava's new page, ms after the navigation began: first sampled ${after(reloaded[0])}, playing ${after(reloaded.find((sample) => sample.status === 'playing'))}, ` +
        `3 players drawn ${after(reloaded.find((sample) => sample.drawnPlayers === 3))}; ${statusTrace(reloaded)}`,
    );
    expect(reloaded[0]?.status, "Ava's new page must be watched from before it re-entered the game").toBe('lobby');
    expect(report(seen, expected), 'what the pages showed while Ava reloaded and rejoined').toEqual([]);

    await expectSeenMoving(game, 'Bo', ['Ann', 'Ava']);
    await expectSeenMoving(game, 'Ava', ['Bo', 'Ann']);
    await expectUnauthorizedSteady(game, 'after everyone moved');
    await expectOneReign(game, reign);
    expect([...game.pages].flatMap(([name, page]) => page.errors().map((error) => `${name}: ${error}`))).toEqual([]);
  }, 120_000);

  it('a player joins 3 s after another closed the tab: it and the others draw everyone and see each other move', async () => {
    const origin = suite.origin();
    // The comparison first: the same join (a third player into a game of two) with nobody leaving.
    const fresh = await startGame(open, origin, 'Hal', ['Ivy']);
    const freshMs = await joinUntilEveryoneDrawn(fresh, 'Dee', await open());
    for (const page of fresh.pages.values()) await page.close();

    const game = await startGame(open, origin, 'Ann', ['Ava', 'Bo']);
    const closedAt = performance.now();
    await closeTab(game, 'Bo');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, closedAt + 3_000 - performance.now())));
    const afterCloseMs = await joinUntilEveryoneDrawn(game, 'Cy', await open());
    console.log(
      `join → everyone drawn: ${Math.round(afterCloseMs)} ms 3 s after a tab closed; ${Math.round(freshMs)} ms into a game nobody left`,
    );
    for (const name of ['Ann', 'Ava']) {
      await waitForState(pageOf(game, name), `${name}'s page to draw Cy`, (state) => playsWith(state, ['Ann', 'Ava', 'Cy']));
    }
    await expectSeenMoving(game, 'Cy', ['Ann', 'Ava']);
    await expectSeenMoving(game, 'Ava', ['Cy']);
    expect([...fresh.pages, ...game.pages].flatMap(([name, page]) => page.errors().map((error) => `${name}: ${error}`))).toEqual([]);
  }, 120_000);
});
