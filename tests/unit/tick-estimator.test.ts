import { describe, expect, it } from 'vitest';
import { TickEstimator } from '../../src/replication/tick-estimator.js';

describe('host tick estimator', () => {
  it('knows nothing before the first snapshot', () => {
    expect(new TickEstimator(10).hostTickAt(0)).toBeUndefined();
  });

  it('follows a steady stream and extrapolates between arrivals', () => {
    const estimator = new TickEstimator(10);
    for (let tick = 0; tick <= 300; tick += 3) estimator.observe(tick, 1000 + tick * 10 + 40);
    expect(estimator.hostTickAt(1000 + 300 * 10 + 40)).toBeCloseTo(300, 5);
    expect(estimator.hostTickAt(1000 + 310 * 10 + 40)).toBeCloseTo(310, 5);
  });

  it('is pulled up quickly by an early packet and down only slowly by a late one', () => {
    const estimator = new TickEstimator(10);
    estimator.observe(100, 1000);
    expect(estimator.hostTickAt(1000)).toBe(100);
    // Tick 103 should arrive at 1030; it comes 50 ms late: the estimate moves by a small fraction.
    estimator.observe(103, 1080);
    const afterLate = estimator.hostTickAt(1000) ?? Number.NaN;
    expect(afterLate).toBeLessThan(100);
    expect(afterLate).toBeGreaterThan(99.8);
    // Tick 106 arrives 20 ms early: the estimate rises by a good part of the difference.
    estimator.observe(106, 1040);
    expect((estimator.hostTickAt(1000) ?? 0) - afterLate).toBeGreaterThan(0.3);
  });

  it('snaps to a new timeline after a jump of more than a second', () => {
    const estimator = new TickEstimator(10);
    estimator.observe(100, 1000);
    estimator.observe(5000, 1010);
    expect(estimator.hostTickAt(1010)).toBe(5000);
  });
});
