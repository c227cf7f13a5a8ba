import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../src/time/scheduler.js';

describe('ManualScheduler', () => {
  it('runs due tasks in time order, ties in scheduling order, each at its own time', () => {
    const scheduler = new ManualScheduler();
    const log: string[] = [];
    const note = (name: string) => () => log.push(`${name}@${scheduler.now()}`);
    scheduler.after(30, note('c'));
    scheduler.after(10, note('a'));
    scheduler.after(10, note('b'));
    scheduler.after(10, () => scheduler.after(5, note('nested')));
    const cancel = scheduler.after(20, note('cancelled'));
    cancel();
    scheduler.advance(29);
    expect(log).toEqual(['a@10', 'b@10', 'nested@15']);
    expect(scheduler.now()).toBe(29);
    scheduler.advance(1);
    expect(log).toEqual(['a@10', 'b@10', 'nested@15', 'c@30']);
    expect(scheduler.pending).toBe(0);
  });
});
