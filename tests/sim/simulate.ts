import { readFileSync } from 'node:fs';
import { runScenario } from './run-scenario.js';
import { generateScenario, type Scenario } from './scenario.js';
import { shrink } from './shrink.js';

/**
 * `npm run simulate -- --seeds 100000 [--start 1] [--shrink] [--trace]`: plays that many generated
 * scenarios and prints each failure with its seed (and, with --shrink, the shortest event list
 * that still fails). `--replay file.json` plays one scenario as printed by a shrink, with a trace.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const errors: unknown[] = [];
process.on('uncaughtException', (error) => errors.push(error));
process.on('unhandledRejection', (error) => errors.push(error));

const replayIndex = args.indexOf('--replay');
if (replayIndex >= 0) {
  const scenario = JSON.parse(readFileSync(args[replayIndex + 1] ?? '', 'utf8')) as Scenario;
  const outcome = await runScenario(scenario, errors, (line) => console.log(line));
  console.log(outcome.failure ? `FAILED ${outcome.failure.invariant} at ${outcome.failure.atMs} ms: ${outcome.failure.message}` : 'passed');
  process.exit(outcome.failure ? 1 : 0);
}

const start = option('start', 1);
const count = option('seeds', 100);
const trace = args.includes('--trace');
const wantShrink = args.includes('--shrink');
const began = performance.now();
let failures = 0;
let simulatedMs = 0;
for (let seed = start; seed < start + count; seed += 1) {
  errors.length = 0;
  const scenario = generateScenario(seed);
  const outcome = await runScenario(scenario, errors, trace ? (line) => console.log(line) : undefined);
  simulatedMs += outcome.simulatedMs;
  if (!outcome.failure) continue;
  failures += 1;
  console.log(`seed ${seed}: ${outcome.failure.invariant} at ${outcome.failure.atMs} ms: ${outcome.failure.message}`);
  if (wantShrink) {
    const shrunk = await shrink(scenario, outcome.failure, errors);
    console.log(`  shrunk to ${shrunk.scenario.events.length} of ${scenario.events.length} events: ${shrunk.failure.message}`);
    console.log(`  ${JSON.stringify(shrunk.scenario)}`);
  }
}
const seconds = (performance.now() - began) / 1000;
console.log(`${count} scenarios (${(simulatedMs / 3_600_000).toFixed(1)} h of play), ${failures} failed, ${seconds.toFixed(1)} s: ${(count / seconds).toFixed(1)} scenarios/s`);
process.exit(failures > 0 ? 1 : 0);
