import { describe, expect, it } from 'vitest';
import { Channel } from '../../src/net/peer-link.js';
import { parseNetworkConditions, type NetworkConditions } from '../../src/net/sim/conditions.js';
import { createLoopbackPair } from '../../src/net/sim/loopback-link.js';
import { ManualScheduler } from '../../src/time/scheduler.js';
import { isOutOfOrder, recordArrivals, seqBytes, seqsOn, type Arrival } from '../support/record.js';

/** Sends `count` numbered messages a→b on both channels, one every 10 ms, then drains. */
function run(seed: number, aToB: Partial<NetworkConditions>, count = 500): { arrivals: Arrival[]; times: number[] } {
  const scheduler = new ManualScheduler();
  const [a, b] = createLoopbackPair({ scheduler, seed, aToB });
  const arrivals = recordArrivals(b);
  const times: number[] = [];
  b.events.on('message', () => times.push(scheduler.now()));
  scheduler.advance(0);
  for (let seq = 0; seq < count; seq += 1) {
    a.send(Channel.Unreliable, seqBytes(seq));
    a.send(Channel.Reliable, seqBytes(seq));
    scheduler.advance(10);
  }
  scheduler.advance(10_000);
  return { arrivals, times };
}

describe('LoopbackLink (in-memory pair on a manual clock)', () => {
  it('opens both ends on the next turn and delivers nothing before time moves', () => {
    const scheduler = new ManualScheduler();
    const [a, b] = createLoopbackPair({ scheduler, seed: 1, aToB: { latencyMs: 50 } });
    expect([a.state, b.state]).toEqual(['connecting', 'connecting']);
    scheduler.advance(0);
    expect([a.state, b.state, a.remoteId, b.remoteId]).toEqual(['open', 'open', 'b', 'a']);
    const arrivals = recordArrivals(b);
    a.send(Channel.Reliable, seqBytes(1));
    scheduler.advance(49);
    expect(arrivals).toEqual([]);
    scheduler.advance(1);
    expect(arrivals).toEqual([{ channel: Channel.Reliable, seq: 1 }]);
  });

  it('is deterministic by seed', () => {
    const conditions = { latencyMs: 80, jitterMs: 20, loss: 0.05, duplicate: 0.02, reorder: 0.02 };
    expect(run(42, conditions)).toEqual(run(42, conditions));
    expect(run(42, conditions).arrivals).not.toEqual(run(43, conditions).arrivals);
  });

  it('loses, duplicates and reorders unreliable messages; reliable ones arrive once, in order', () => {
    const { arrivals } = run(7, { latencyMs: 80, jitterMs: 20, loss: 0.1, duplicate: 0.05, reorder: 0.05 });
    const unreliable = seqsOn(arrivals, Channel.Unreliable);
    const reliable = seqsOn(arrivals, Channel.Reliable);
    const distinct = new Set(unreliable).size;
    expect(distinct).toBeGreaterThan(400);
    expect(distinct).toBeLessThan(480);
    expect(unreliable.length).toBeGreaterThan(distinct);
    expect(isOutOfOrder(unreliable)).toBe(true);
    expect(reliable).toEqual(Array.from({ length: 500 }, (_, seq) => seq));
  });

  it('keeps every delay within latency ± jitter', () => {
    const scheduler = new ManualScheduler();
    const [a, b] = createLoopbackPair({ scheduler, seed: 3, aToB: { latencyMs: 80, jitterMs: 20 } });
    scheduler.advance(0);
    const delays: number[] = [];
    let sentAt = 0;
    b.events.on('message', () => delays.push(scheduler.now() - sentAt));
    for (let i = 0; i < 200; i += 1) {
      sentAt = scheduler.now();
      a.send(Channel.Unreliable, seqBytes(i));
      scheduler.advance(200);
    }
    expect(delays).toHaveLength(200);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...delays)).toBeLessThanOrEqual(100);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(30);
  });

  it('queues behind a bandwidth cap, shows it as bufferedAmount, and drops unreliable beyond 500 ms', () => {
    const scheduler = new ManualScheduler();
    const [a, b] = createLoopbackPair({ scheduler, seed: 5, aToB: { bandwidthBytesPerSecond: 10_000 } });
    scheduler.advance(0);
    const arrivals = recordArrivals(b);
    const kilobyte = new Uint8Array(1000);
    for (let i = 0; i < 10; i += 1) a.send(Channel.Unreliable, kilobyte);
    expect(a.bufferedAmount()).toBe(6000);
    scheduler.advance(100);
    expect(arrivals).toHaveLength(1);
    expect(a.counters.lost).toBe(4);
    scheduler.advance(1000);
    expect(arrivals).toHaveLength(6);
    expect(a.bufferedAmount()).toBe(0);
  });

  it('sees the remote close one latency later; a severed pair goes quiet without closing', () => {
    const scheduler = new ManualScheduler();
    const [a, b] = createLoopbackPair({ scheduler, seed: 9, aToB: { latencyMs: 30 } });
    scheduler.advance(0);
    const reasons: string[] = [];
    b.events.on('close', ({ reason }) => reasons.push(reason));
    a.close();
    scheduler.advance(29);
    expect(b.state).toBe('open');
    scheduler.advance(1);
    expect(reasons).toEqual(['closed by the remote peer']);

    const [c, d] = createLoopbackPair({ scheduler, seed: 9 });
    scheduler.advance(0);
    const atD = recordArrivals(d);
    c.sever();
    expect(c.send(Channel.Reliable, seqBytes(1))).toBe(true);
    c.close();
    scheduler.advance(1000);
    expect([atD.length, d.state]).toEqual([0, 'open']);
    expect(scheduler.pending).toBe(0);
  });

  it('delivers the reliable messages a short sever held, those in flight first, once traffic flows again', () => {
    const scheduler = new ManualScheduler();
    const [a, b] = createLoopbackPair({ scheduler, seed: 3, aToB: { latencyMs: 50 } });
    scheduler.advance(0);
    const atB = recordArrivals(b);
    a.send(Channel.Reliable, seqBytes(1));
    scheduler.advance(10);
    a.sever(); // message 1 is on its way: SCTP would retransmit it, not lose it
    a.send(Channel.Reliable, seqBytes(2));
    a.send(Channel.Unreliable, seqBytes(3));
    scheduler.advance(500);
    expect(atB).toHaveLength(0);
    a.restore();
    scheduler.advance(500);
    expect(seqsOn(atB, Channel.Reliable)).toEqual([1, 2]);
    expect(seqsOn(atB, Channel.Unreliable)).toEqual([]);
  });
});

describe('network conditions from the browser address', () => {
  it('parses the knobs and refuses nonsense with a reason', () => {
    expect(parseNetworkConditions('latency=80, jitter=20,loss=0.05,dup=0.01,reorder=0,bandwidth=50000')).toEqual({
      ok: true,
      value: { latencyMs: 80, jitterMs: 20, loss: 0.05, duplicate: 0.01, reorder: 0, bandwidthBytesPerSecond: 50_000 },
    });
    expect(parseNetworkConditions('')).toEqual({ ok: true, value: {} });
    for (const bad of ['speed=3', 'loss=2', 'latency=-1', 'jitter=abc', 'latency']) {
      expect(parseNetworkConditions(bad).ok).toBe(false);
    }
  });
});
