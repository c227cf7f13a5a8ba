import { describe, expect, it } from 'vitest';
import { encodeLinkMessage, LinkMessageType } from '../../src/net/link-messages.js';
import { MonitoredLink, type MonitorOptions } from '../../src/net/monitored-link.js';
import { Channel } from '../../src/net/peer-link.js';
import type { NetworkConditions } from '../../src/net/sim/conditions.js';
import { createLoopbackPair, type LoopbackLink } from '../../src/net/sim/loopback-link.js';
import { ManualScheduler } from '../../src/time/scheduler.js';
import { recordArrivals, seqBytes } from '../support/record.js';

interface Pair {
  readonly scheduler: ManualScheduler;
  readonly raw: readonly [LoopbackLink, LoopbackLink];
  readonly a: MonitoredLink;
  readonly b: MonitoredLink;
  readonly closes: { a: string[]; b: string[] };
}

function monitoredPair(oneWay: Partial<NetworkConditions>, options: MonitorOptions = {}): Pair {
  const scheduler = new ManualScheduler();
  const raw = createLoopbackPair({ scheduler, seed: 11, aToB: oneWay, bToA: oneWay });
  const a = new MonitoredLink(raw[0], { scheduler, ...options });
  const b = new MonitoredLink(raw[1], { scheduler, ...options });
  const closes = { a: [] as string[], b: [] as string[] };
  a.events.on('close', ({ reason }) => closes.a.push(reason));
  b.events.on('close', ({ reason }) => closes.b.push(reason));
  scheduler.advance(0);
  return { scheduler, raw, a, b, closes };
}

describe('MonitoredLink (liveness, stats, backpressure) over a loopback pair', () => {
  it('measures RTT, jitter and round-trip loss from pings', () => {
    const { scheduler, a } = monitoredPair({ latencyMs: 40, jitterMs: 10, loss: 0.1 });
    scheduler.advance(20_000);
    const stats = a.stats();
    expect(stats.rttMs).toBeGreaterThan(70);
    expect(stats.rttMs).toBeLessThan(90);
    expect(stats.jitterMs).toBeGreaterThan(1);
    expect(stats.jitterMs).toBeLessThan(20);
    // Round-trip loss of 10 % each way is about 19 %.
    expect(stats.loss).toBeGreaterThan(0.05);
    expect(stats.loss).toBeLessThan(0.4);
    expect(stats.messagesOutPerSecond).toBeGreaterThan(3);
    expect(stats.bytesInPerSecond).toBeGreaterThan(0);
  });

  it('keeps link messages from the layer above and passes everything else through', () => {
    const { scheduler, a, b } = monitoredPair({ latencyMs: 5 });
    const atB = recordArrivals(b);
    a.send(Channel.Reliable, seqBytes(7));
    scheduler.advance(2_000);
    expect(atB).toEqual([{ channel: Channel.Reliable, seq: 7 }]);
    expect(b.stats().totals.messagesIn).toBeGreaterThan(5);
  });

  it('declares a silent peer gone after the silence timeout, without any close from the transport', () => {
    const { scheduler, raw, a, closes } = monitoredPair({ latencyMs: 20 }, { silenceTimeoutMs: 2_000, pingIntervalMs: 100 });
    scheduler.advance(1_000);
    raw[0].sever();
    const severedAt = scheduler.now();
    scheduler.advance(1_900);
    expect(a.state).toBe('open');
    scheduler.advance(300);
    expect(closes.a).toHaveLength(1);
    expect(closes.a[0]).toMatch(/^peer silent for \d+ ms$/);
    expect(scheduler.now() - severedAt).toBeLessThanOrEqual(2_200);
  });

  it('over a transport that can restart ICE: restarts a quiet link, retries, and waits longer before giving up', () => {
    const { scheduler, raw, a, closes } = monitoredPair({ latencyMs: 20 }, { pingIntervalMs: 100, silenceTimeoutMs: 1_000, restartAfterMs: 500, restartingSilenceTimeoutMs: 4_000 });
    const restarts: number[] = [];
    Object.assign(raw[0], { restartIce: () => restarts.push(scheduler.now()) });
    scheduler.advance(1_000);
    expect(restarts).toEqual([]);
    raw[0].sever();
    const severedAt = scheduler.now();
    scheduler.advance(3_000);
    // First at ~500 ms of silence, then once a second while it lasts; still open past silenceTimeoutMs.
    expect(restarts.map((at) => at - severedAt)).toEqual([500, 1_500, 2_500].map((ms) => expect.closeTo(ms, -2.2) as number));
    expect(a.state).toBe('open');
    expect(a.stats().iceRestarts).toBe(3);
    scheduler.advance(1_200);
    expect(closes.a).toHaveLength(1);
    expect(closes.a[0]).toMatch(/^peer silent for \d+ ms$/);
  });

  it('stops restarting once the peer is heard again, and restarts at once when asked after the lobby is back', () => {
    const { scheduler, raw, a, closes } = monitoredPair({ latencyMs: 20 }, { pingIntervalMs: 100, restartAfterMs: 500 });
    const restarts: number[] = [];
    Object.assign(raw[0], { restartIce: () => restarts.push(scheduler.now()) });
    scheduler.advance(500);
    a.restartIfQuiet();
    expect(restarts).toEqual([]); // not quiet: nothing to do
    raw[0].sever();
    scheduler.advance(700);
    expect(restarts).toHaveLength(1);
    a.restartIfQuiet();
    expect(restarts).toHaveLength(2);
    raw[0].restore();
    scheduler.advance(3_000);
    expect(restarts).toHaveLength(2);
    expect(closes.a).toEqual([]);
  });

  it('answers a probe when the peer is there, and declares it gone fast when it is not', () => {
    const live = monitoredPair({ latencyMs: 30 }, { silenceTimeoutMs: 10_000 });
    live.a.probe(400);
    live.scheduler.advance(1_000);
    expect(live.a.state).toBe('open');
    expect(live.closes.a).toEqual([]);

    const dead = monitoredPair({ latencyMs: 30 }, { silenceTimeoutMs: 10_000 });
    dead.raw[0].sever();
    dead.scheduler.advance(200);
    dead.a.probe(400);
    dead.scheduler.advance(399);
    expect(dead.a.state).toBe('open');
    dead.scheduler.advance(2);
    expect(dead.closes.a).toEqual(['peer silent for 400 ms after the lobby reported it gone']);
  });

  it('says bye on a clean close, so the remote knows one latency later', () => {
    const { scheduler, a, b, closes } = monitoredPair({ latencyMs: 30 });
    scheduler.advance(500);
    a.close('player quit');
    expect(closes.a).toEqual(['player quit']);
    scheduler.advance(30);
    expect(closes.b).toEqual(['peer left: player quit']);
    expect(b.state).toBe('closed');
  });

  it('drops unreliable sends on a congested link and counts them', () => {
    const { scheduler, a } = monitoredPair({ bandwidthBytesPerSecond: 20_000 }, { unreliableBufferLimit: 4_500 });
    // The first ping (a few bytes) is already queued when the link opens.
    const snapshot = new Uint8Array(1_000);
    const sent = Array.from({ length: 10 }, () => a.send(Channel.Unreliable, snapshot));
    expect(sent.filter(Boolean).length).toBe(5);
    expect(a.stats().congestionDrops).toBe(5);
    scheduler.advance(1_000);
    expect(a.send(Channel.Unreliable, snapshot)).toBe(true);
  });

  it('fails loudly when the reliable queue passes its bound: counted, and the link closes', () => {
    const { a, closes } = monitoredPair({ bandwidthBytesPerSecond: 10_000 }, { reliableBufferLimit: 5_100 });
    const chunk = new Uint8Array(1_000);
    const sent = Array.from({ length: 8 }, () => a.send(Channel.Reliable, chunk));
    expect(sent).toEqual([true, true, true, true, true, false, false, false]);
    expect(a.stats().reliableOverflows).toBe(1);
    expect(closes.a[0]).toMatch(/reliable queue over 5100 bytes/);
  });

  it('counts malformed link frames instead of passing them up', () => {
    const { scheduler, raw, b } = monitoredPair({});
    const atB = recordArrivals(b);
    raw[0].send(Channel.Unreliable, new Uint8Array([0x92, LinkMessageType.Ping, 0xc1]));
    raw[0].send(Channel.Unreliable, encodeLinkMessage({ type: LinkMessageType.Pong, seq: 99_999 }));
    scheduler.advance(10);
    expect(b.stats().malformedLinkFrames).toBe(1);
    expect(atB).toEqual([]);
  });

  it('leaves no timers behind once closed', () => {
    const { scheduler, a } = monitoredPair({ latencyMs: 10 });
    scheduler.advance(300);
    a.close();
    scheduler.advance(100);
    expect(scheduler.pending).toBe(0);
  });
});
