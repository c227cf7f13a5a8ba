import { describe, expect, it } from 'vitest';
import { spawnPeerProcess } from '../support/spawn-peer.js';
import { waitFor } from '../support/wait.js';

describe('a peer process killed without a goodbye', () => {
  it('is declared gone by the silence timeout, though WebRTC reports nothing', async () => {
    const peer = spawnPeerProcess({ silenceTimeoutMs: 1_000, pingIntervalMs: 100 });
    await peer.opened;
    const reasons: string[] = [];
    peer.link.events.on('close', ({ reason }) => reasons.push(reason));
    await waitFor('pongs from the child', () => peer.link.stats().rttMs !== undefined);
    peer.kill();
    await waitFor('the link to be declared gone', () => reasons.length === 1);
    expect(reasons[0]).toMatch(/^peer silent for \d+ ms$/);
    expect(peer.link.state).toBe('closed');
  });
});
