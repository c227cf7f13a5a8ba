import { runScenario, type Failure } from './run-scenario.js';
import type { Scenario } from './scenario.js';

/**
 * The shortest event list (greedy delta debugging) that still breaks the same invariant: first
 * drops halves, then quarters, … then single events, keeping every removal after which the
 * scenario still fails the same way. The seed stays, so the shrunk scenario replays exactly.
 */
export async function shrink(scenario: Scenario, failure: Failure, errors: unknown[]): Promise<{ scenario: Scenario; failure: Failure }> {
  let best = scenario;
  let bestFailure = failure;
  const failsTheSameWay = async (candidate: Scenario): Promise<Failure | undefined> => {
    errors.length = 0;
    const outcome = await runScenario(candidate, errors);
    return outcome.failure?.invariant === failure.invariant ? outcome.failure : undefined;
  };
  for (let chunk = Math.ceil(best.events.length / 2); chunk >= 1; chunk = chunk === 1 ? 0 : Math.ceil(chunk / 2)) {
    let start = 0;
    while (start < best.events.length) {
      const candidate = { ...best, events: [...best.events.slice(0, start), ...best.events.slice(start + chunk)] };
      const still = await failsTheSameWay(candidate);
      if (still) {
        best = candidate;
        bestFailure = still;
      } else start += chunk;
    }
  }
  return { scenario: best, failure: bestFailure };
}
