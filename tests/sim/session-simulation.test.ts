import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOUND_SEEDS, REGRESSIONS } from './regressions.js';
import { runScenario } from './run-scenario.js';
import { SHRUNK } from './shrunk-scenarios.js';
import { generateScenario } from './scenario.js';

/** Scenarios every `npm test` plays; `npm run simulate -- --seeds N` plays as many as asked. */
const SEEDS = 200;

describe('session simulation (real sessions, in-memory lobby and links, one clock, one seed)', () => {
  const errors: unknown[] = [];
  const record = (error: unknown): void => {
    errors.push(error);
  };
  beforeAll(() => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  afterAll(() => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });

  it.each([...REGRESSIONS, ...SHRUNK])('$name', async ({ scenario }) => {
    errors.length = 0;
    const outcome = await runScenario(scenario, errors);
    expect(outcome.failure).toBeUndefined();
  });

  it(`plays ${SEEDS} generated scenarios and the seeds that once failed; every invariant holds`, async () => {
    const failures: string[] = [];
    for (const seed of [...Array.from({ length: SEEDS }, (_, index) => 10_000 + index), ...FOUND_SEEDS]) {
      errors.length = 0;
      const outcome = await runScenario(generateScenario(seed), errors);
      if (outcome.failure) failures.push(`seed ${seed}: ${outcome.failure.invariant} at ${outcome.failure.atMs} ms: ${outcome.failure.message}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
