import { afterEach, describe, expect, it } from 'vitest';
import { Channel } from '../../src/net/peer-link.js';
import type { SimplePeerLink } from '../../src/net/simple-peer-link.js';
import { waitFor } from '../support/wait.js';
import { wrtcPair } from '../support/wrtc-pair.js';

/** The generations of the restart offers `a` sent. */
function restartOffers(signals: readonly string[]): number[] {
  return signals.map((data) => JSON.parse(data) as { type?: string; restart?: number }).flatMap((signal) => (signal.type === 'offer' && signal.restart !== undefined ? [signal.restart] : []));
}

async function openPair(tapped: string[]): Promise<[SimplePeerLink, SimplePeerLink]> {
  const [a, b] = wrtcPair({}, (from, data) => {
    if (from === 'a') tapped.push(data);
  });
  await waitFor('both ends open', () => a.state === 'open' && b.state === 'open');
  return [a, b];
}

/** Resolves when `to` gets a message `from` sends (on the reliable channel), i.e. the link still carries data. */
async function carries(from: SimplePeerLink, to: SimplePeerLink): Promise<void> {
  let arrived = false;
  const off = to.events.on('message', () => (arrived = true));
  from.send(Channel.Reliable, new Uint8Array([1, 2, 3]));
  await waitFor('a message across the link', () => arrived);
  off();
}

describe('ICE restarts on a real WebRTC link (@roamhq/wrtc)', () => {
  const open: SimplePeerLink[] = [];
  afterEach(() => {
    for (const link of open.splice(0)) link.close();
  });

  it('restarts when the offering side asks, or the answering side asks it to, and the link carries on', async () => {
    const fromA: string[] = [];
    const [a, b] = await openPair(fromA);
    open.push(a, b);
    a.restartIce();
    await waitFor('the first restart offer', () => restartOffers(fromA).length === 1);
    await carries(a, b);
    await new Promise((resolve) => setTimeout(resolve, 2_600)); // a new restart may start 2.5 s after the last
    b.restartIce(); // the answering side asks; the offering side makes the offer
    await waitFor('the second restart offer', () => restartOffers(fromA).includes(2));
    await carries(b, a);
    expect([a.state, b.state]).toEqual(['open', 'open']);
    expect(a.staleRestartSignals + b.staleRestartSignals).toBe(0);
  });

  it('a peer asking for restarts over and over gets one restart, not one per request', async () => {
    const fromA: string[] = [];
    const [a, b] = await openPair(fromA);
    open.push(a, b);
    for (let request = 0; request < 40; request += 1) {
      a.receiveSignal(JSON.stringify({ type: 'restart-ice' }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Two seconds of requests: one restart (its offer maybe sent twice), never forty.
    expect(new Set(restartOffers(fromA)).size).toBe(1);
    expect(restartOffers(fromA).length).toBeLessThanOrEqual(3);
    await carries(a, b);
    // A request the answering side gets (only an offering side restarts) is refused and counted.
    b.receiveSignal(JSON.stringify({ type: 'restart-ice' }));
    expect(b.drops.badSignals).toBe(1);
  });
});
