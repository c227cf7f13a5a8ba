import { describe, expect, it } from 'vitest';
import { MonitoredLink } from '../../src/net/monitored-link.js';
import { Channel } from '../../src/net/peer-link.js';
import { SimulatedLink } from '../../src/net/sim/simulated-link.js';
import { systemScheduler } from '../../src/time/scheduler.js';
import { waitFor } from '../support/wait.js';
import { closedAfterEach } from '../support/closed-after-each.js';
import { wrtcPair } from '../support/wrtc-pair.js';

/**
 * libwebrtc in Node absorbs megabytes into its SCTP send buffer and reports bufferedAmount late,
 * so a narrow link is simulated (100 kB/s) between the monitor and the real WebRTC link.
 */
describe('backpressure over a narrow link (SimulatedLink bandwidth cap around real WebRTC)', () => {
  const links = closedAfterEach();

  it('drops unreliable sends while congested, and closes loudly when the reliable queue passes its bound', async () => {
    const [rawA, rawB] = wrtcPair();
    const narrow = new SimulatedLink(rawA, { scheduler: systemScheduler, seed: 1, conditions: { outgoing: { bandwidthBytesPerSecond: 100_000 } } });
    const a = new MonitoredLink(narrow, { unreliableBufferLimit: 8_000, reliableBufferLimit: 32_000 });
    const b = new MonitoredLink(rawB);
    links.push(a, b);
    await waitFor('both ends open', () => a.state === 'open' && b.state === 'open');
    const remoteReasons: string[] = [];
    b.events.on('close', ({ reason }) => remoteReasons.push(reason));

    const snapshot = new Uint8Array(1_000);
    const sent = Array.from({ length: 40 }, () => a.send(Channel.Unreliable, snapshot)).filter(Boolean).length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(40);
    expect(a.stats().congestionDrops).toBe(40 - sent);

    const chunk = new Uint8Array(4_000);
    let accepted = 0;
    while (a.send(Channel.Reliable, chunk)) accepted += 1;
    expect(accepted).toBeLessThan(8);
    expect(a.stats().reliableOverflows).toBe(1);
    expect(a.state).toBe('closed');
    await waitFor('the remote to see the link end', () => remoteReasons.length === 1);
  });
});
