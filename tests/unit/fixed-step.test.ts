import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/time/clock.js';
import { FixedStepAccumulator } from '../../src/time/fixed-step.js';

describe('fixed-step accumulator', () => {
  it('turns elapsed time into whole steps and carries the remainder', () => {
    const clock = new ManualClock(1000);
    const steps = new FixedStepAccumulator(clock, 10);
    clock.advance(25);
    expect(steps.due()).toBe(2);
    expect(steps.alpha).toBeCloseTo(0.5);
    clock.advance(5);
    expect(steps.due()).toBe(1);
    expect(steps.due()).toBe(0);
  });

  it('produces exactly one step per step length over a long run of irregular wake-ups', () => {
    const clock = new ManualClock();
    const steps = new FixedStepAccumulator(clock, 1000 / 60);
    let total = 0;
    const wakeUps = [3, 7, 16, 17, 1, 33, 9, 14];
    for (let i = 0; i < 600; i += 1) {
      clock.advance(wakeUps[i % wakeUps.length] ?? 0);
      total += steps.due();
    }
    expect(total).toBe(Math.floor(clock.now() / (1000 / 60)));
  });

  it('clamps a long pause instead of running hundreds of catch-up steps', () => {
    const clock = new ManualClock();
    const steps = new FixedStepAccumulator(clock, 10, 5);
    clock.advance(10_000);
    expect(steps.due()).toBe(5);
    expect(steps.due()).toBe(0);
  });

  it('rejects a step that is not positive', () => {
    expect(() => new FixedStepAccumulator(new ManualClock(), 0)).toThrow(/positive/);
  });
});
