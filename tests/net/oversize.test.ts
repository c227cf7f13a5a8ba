import { describe, expect, it } from 'vitest';
import { MonitoredLink } from '../../src/net/monitored-link.js';
import { Channel } from '../../src/net/peer-link.js';
import { MAX_PEER_MESSAGE_BYTES } from '../../src/net/simple-peer-link.js';
import { closedAfterEach } from '../support/closed-after-each.js';
import { recordArrivals, seqBytes } from '../support/record.js';
import { waitFor } from '../support/wait.js';
import { wrtcPair } from '../support/wrtc-pair.js';

describe('security at the link over real WebRTC', () => {
  const links = closedAfterEach();

  it('drops and counts oversized messages and malformed link frames; the layer above sees neither', async () => {
    const [rawA, rawB] = wrtcPair();
    const b = new MonitoredLink(rawB);
    links.push(rawA, b);
    await waitFor('both ends open', () => rawA.state === 'open' && b.state === 'open');
    const arrivals = recordArrivals(b);
    rawA.send(Channel.Reliable, new Uint8Array(MAX_PEER_MESSAGE_BYTES + 1));
    rawA.send(Channel.Reliable, new Uint8Array([0x92, 0x12, 0xc1]));
    rawA.send(Channel.Reliable, seqBytes(1));
    await waitFor('the valid message', () => arrivals.length === 1);
    expect(arrivals).toEqual([{ channel: Channel.Reliable, seq: 1 }]);
    expect(b.drops.malformed).toBe(1);
    expect(b.stats().malformedLinkFrames).toBe(1);
    expect(b.state).toBe('open');
  });
});
