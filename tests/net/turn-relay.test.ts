import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintTurnCredentials } from '../../server/turn-credentials.js';
import type { PeerLink } from '../../src/net/peer-link.js';
import { startCoturn, type Coturn } from '../support/coturn.js';
import { present, waitFor } from '../support/wait.js';
import { wrtcPair } from '../support/wrtc-pair.js';

describe('the TURN relay path through a real coturn on loopback', () => {
  let turn: Coturn | undefined;
  const links: PeerLink[] = [];

  beforeAll(async () => {
    turn = await startCoturn();
  });

  afterAll(async () => {
    for (const link of links) link.close();
    await turn?.stop();
  });

  function credentials(secret: string, userId: string): ReturnType<typeof mintTurnCredentials> {
    const server = present(turn, 'coturn');
    return mintTurnCredentials({ secret, urls: [server.url], userId, ttlSeconds: 600, nowSeconds: Date.now() / 1000 });
  }

  it('connects two peers relay-only with lobby-minted credentials; both select relay candidates', async () => {
    const secret = present(turn, 'coturn').secret;
    const [a, b] = wrtcPair({ iceTransportPolicy: 'relay', iceServers: [credentials(secret, 'alice')] });
    links.push(a, b);
    await waitFor('the relayed link to open', () => a.state === 'open' && b.state === 'open');
    expect(await a.selectedCandidatePair()).toEqual({ local: 'relay', remote: 'relay', relayProtocol: 'udp' });
    expect(await b.selectedCandidatePair()).toEqual({ local: 'relay', remote: 'relay', relayProtocol: 'udp' });
  });

  it('says clearly that TURN refused a wrong credential instead of hanging', async () => {
    const [a, b] = wrtcPair({ iceTransportPolicy: 'relay', iceServers: [credentials('not-the-secret', 'mallory')] });
    links.push(a, b);
    const reasons: string[] = [];
    a.events.on('close', ({ reason }) => reasons.push(reason));
    await waitFor('the link to give up', () => reasons.length === 1);
    expect(reasons[0]).toMatch(/TURN server refused the credentials: .*401/);
  });
});
