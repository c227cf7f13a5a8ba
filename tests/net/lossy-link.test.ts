import { describe, expect, it } from 'vitest';
import { Channel } from '../../src/net/peer-link.js';
import { SimulatedLink } from '../../src/net/sim/simulated-link.js';
import { systemScheduler } from '../../src/time/scheduler.js';
import { isOutOfOrder, recordArrivals, seqBytes, seqsOn } from '../support/record.js';
import { waitFor } from '../support/wait.js';
import { closedAfterEach } from '../support/closed-after-each.js';
import { wrtcPair } from '../support/wrtc-pair.js';

const MESSAGES = 400;

describe('two real WebRTC peers with 10 % loss between them (SimulatedLink around real links)', () => {
  const links = closedAfterEach();

  it('the unreliable channel loses and reorders; the reliable one delivers everything in order', async () => {
    const [rawA, rawB] = wrtcPair();
    const a = new SimulatedLink(rawA, {
      scheduler: systemScheduler,
      seed: 2026,
      conditions: { outgoing: { latencyMs: 15, jitterMs: 10, loss: 0.1 } },
    });
    links.push(a, rawB);
    await waitFor('both ends open', () => a.state === 'open' && rawB.state === 'open');
    const arrivals = recordArrivals(rawB);
    for (let seq = 0; seq < MESSAGES; seq += 1) {
      expect(a.send(Channel.Unreliable, seqBytes(seq))).toBe(true);
      expect(a.send(Channel.Reliable, seqBytes(seq))).toBe(true);
      if (seq % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await waitFor('every reliable message', () => seqsOn(arrivals, Channel.Reliable).length === MESSAGES);
    // Unreliable messages sent before the last reliable one may still be on their (≤ 25 ms) way.
    await new Promise((resolve) => setTimeout(resolve, 100));

    const unreliable = seqsOn(arrivals, Channel.Unreliable);
    expect(seqsOn(arrivals, Channel.Reliable)).toEqual(Array.from({ length: MESSAGES }, (_, seq) => seq));
    expect(unreliable.length).toBeLessThan(MESSAGES);
    expect(unreliable.length).toBeGreaterThan(MESSAGES * 0.75);
    expect(isOutOfOrder(unreliable)).toBe(true);
    expect(a.counters('outgoing').lost).toBeGreaterThan(0);
  });
});
