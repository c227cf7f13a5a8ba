import { describe, expect, it } from 'vitest';
import { Channel } from '../../src/net/peer-link.js';
import { createLoopbackPair } from '../../src/net/sim/loopback-link.js';
import { linkConditionsFromQuery, NetworkSimulator } from '../../src/net/sim/network-simulator.js';
import { ManualScheduler } from '../../src/time/scheduler.js';
import { recordArrivals, seqBytes } from '../support/record.js';

describe('NetworkSimulator (the run-time simulator of one player)', () => {
  it('wraps links with the current conditions and changes live links at once', () => {
    const scheduler = new ManualScheduler();
    const simulator = new NetworkSimulator(scheduler, 1, { outgoing: { latencyMs: 40 } });
    const [raw, remote] = createLoopbackPair({ scheduler, seed: 1 });
    const link = simulator.wrap(raw);
    scheduler.advance(0);
    const arrivals = recordArrivals(remote);
    link.send(Channel.Reliable, seqBytes(1));
    scheduler.advance(39);
    expect(arrivals).toHaveLength(0);
    scheduler.advance(1);
    expect(arrivals).toHaveLength(1);

    expect(simulator.set('outgoing', { latencyMs: 5 }, 'someone else')).toBe(0);
    expect(link.conditions('outgoing').latencyMs).toBe(40);
    expect(simulator.set('outgoing', { latencyMs: 0, loss: 1 })).toBe(1);
    expect(link.conditions('outgoing')).toMatchObject({ latencyMs: 0, loss: 1 });
    link.send(Channel.Unreliable, seqBytes(2));
    scheduler.advance(100);
    expect(arrivals).toHaveLength(1);
    expect(simulator.wrap(createLoopbackPair({ scheduler, seed: 2 })[0]).conditions('outgoing').loss).toBe(1);
  });

  it('passes messages straight through on a perfect network, and never lets one overtake a delayed one', () => {
    const scheduler = new ManualScheduler();
    const simulator = new NetworkSimulator(scheduler, 1);
    const [raw, remote] = createLoopbackPair({ scheduler, seed: 1 });
    const link = simulator.wrap(raw);
    scheduler.advance(0);
    const arrivals = recordArrivals(remote);
    const timersBefore = scheduler.pending;
    link.send(Channel.Reliable, seqBytes(1));
    // The loopback's own (perfect) conditioner still takes a turn: one timer, none of the simulator's.
    expect(scheduler.pending - timersBefore).toBe(1);
    expect(link.counters('outgoing').deliveries).toBe(0);
    scheduler.advance(0);
    expect(arrivals).toEqual([{ channel: Channel.Reliable, seq: 1 }]);

    simulator.set('outgoing', { latencyMs: 50 });
    link.send(Channel.Reliable, seqBytes(2));
    simulator.set('outgoing', { latencyMs: 0 });
    link.send(Channel.Reliable, seqBytes(3));
    scheduler.advance(49);
    expect(arrivals).toHaveLength(1);
    scheduler.advance(1);
    expect(arrivals.map((arrival) => arrival.seq)).toEqual([1, 2, 3]);
    expect(simulator.conditions('outgoing').latencyMs).toBe(0);
  });

  it('reads both directions, then one direction on top, from a page address', () => {
    const read = (query: string): ReturnType<typeof linkConditionsFromQuery> => linkConditionsFromQuery(new URLSearchParams(query));
    expect(read('?renderer=canvas')).toEqual({ ok: true, value: undefined });
    expect(read('?netsim=latency=80,loss=0.05&netsim-in=latency=10')).toEqual({
      ok: true,
      value: { outgoing: { latencyMs: 80, loss: 0.05 }, incoming: { latencyMs: 10, loss: 0.05 } },
    });
    expect(read('?netsim-out=bogus=1')).toEqual({ ok: false, reason: expect.stringMatching(/^netsim-out: unknown network knob "bogus"/) });
  });
});
