import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/util/seeded-random.js';
import { runScenario } from './run-scenario.js';
import type { Attack, Scenario, ScenarioEvent } from './scenario.js';

const ATTACKS: readonly Attack[] = ['takeover', 'snapshot', 'roster', 'yield', 'follow', 'garbage'];
const EPOCHS = [0, 1, 2, 3, 7, 8, 9, 100, 32_767, 32_768, 65_534, 65_535];

/**
 * A game of four where one player floods its links with forged authority messages (any type, any
 * epoch, as itself) while the real host crashes and a player leaves and comes back: the real
 * sessions over in-memory links, checked by the simulation's invariants (nobody follows a reign
 * no page hosts, one host after settling, everyone moving...).
 */
function barrage(seed: number): Scenario {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const attacks = (count: number): ScenarioEvent[] =>
    Array.from({ length: count }, () => ({
      afterMs: Math.floor(random() * 300),
      action: { kind: 'attack', attack: pick(ATTACKS), epoch: pick(EPOCHS), claimSlot: Math.floor(random() * 8) },
    }));
  return {
    seed,
    players: ['Host', 'Ava', 'Bo', 'Mallory'],
    hostile: 'Mallory',
    events: [
      // Mallory joins last: the rightful successor of a crashed host is Ava, never Mallory.
      { afterMs: 50, action: { kind: 'join', player: 'Ava', how: 'code' } },
      { afterMs: 50, action: { kind: 'join', player: 'Bo', how: 'code' } },
      { afterMs: 50, action: { kind: 'join', player: 'Mallory', how: 'code' } },
      ...attacks(15),
      { afterMs: 200, action: { kind: 'crash', who: 'host' } },
      ...attacks(15),
      { afterMs: 200, action: { kind: 'reload', who: pick(['Ava', 'Bo']), loadMs: 500 } },
      ...attacks(15),
    ],
  };
}

describe('authority under a barrage of forged messages (in-memory links, real sessions)', () => {
  const errors: unknown[] = [];
  const record = (error: unknown): void => {
    errors.push(error);
  };
  beforeAll(() => process.on('uncaughtException', record));
  afterAll(() => process.off('uncaughtException', record));

  it('never lets a peer follow a reign no page hosts, whatever the hostile player sends', async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 40; seed += 1) {
      errors.length = 0;
      const outcome = await runScenario(barrage(seed), errors);
      if (outcome.failure) failures.push(`barrage ${seed}: ${outcome.failure.invariant}: ${outcome.failure.message}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
