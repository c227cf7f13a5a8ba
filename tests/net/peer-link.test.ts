import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LobbySession } from '../../src/net/lobby-client.js';
import { Mesh } from '../../src/net/mesh.js';
import { Channel, type PeerLink } from '../../src/net/peer-link.js';
import { expectOk } from '../support/expect-ok.js';
import { startTestLobby, type TestLobby } from '../support/in-process-lobby.js';
import { waitFor } from '../support/wait.js';
import { wrtcLinks } from '../support/wrtc-links.js';


interface Received {
  channel: Channel;
  text: string;
}

function recordMessages(link: PeerLink): Received[] {
  const received: Received[] = [];
  link.events.on('message', ({ channel, bytes }) => received.push({ channel, text: new TextDecoder().decode(bytes) }));
  return received;
}

describe('peer links over real WebRTC, signaled through the real lobby', () => {
  let lobby: TestLobby;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    lobby = await startTestLobby();
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await lobby.close();
  });

  function meshFor(session: LobbySession): Mesh {
    const mesh = new Mesh(session, wrtcLinks([]));
    cleanups.push(() => mesh.close(), () => session.leave());
    return mesh;
  }

  it('connects two peers, carries a message on each channel, and sees the other side close', async () => {
    const alice = expectOk(await LobbySession.host(lobby.url, 'Alice'));
    const aliceMesh = meshFor(alice);
    const aliceLinks: PeerLink[] = [];
    aliceMesh.events.on('link-open', (link) => aliceLinks.push(link));
    aliceMesh.start();

    const bob = expectOk(await LobbySession.join(lobby.url, alice.welcome.code, 'Bob'));
    const bobMesh = meshFor(bob);
    const bobLinks: PeerLink[] = [];
    bobMesh.events.on('link-open', (link) => bobLinks.push(link));
    bobMesh.start();

    await waitFor('both links to open', () => aliceLinks.length === 1 && bobLinks.length === 1);
    const [aliceToBob, bobToAlice] = [aliceLinks[0] as PeerLink, bobLinks[0] as PeerLink];
    expect(aliceToBob.remoteId).toBe(bob.selfId);
    expect(bobToAlice.remoteId).toBe(alice.selfId);

    const atBob = recordMessages(bobToAlice);
    const atAlice = recordMessages(aliceToBob);
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
    expect(aliceToBob.send(Channel.Reliable, encode('reliable hello'))).toBe(true);
    expect(bobToAlice.send(Channel.Reliable, encode('reliable reply'))).toBe(true);
    await waitFor('reliable messages', () => atBob.length === 1 && atAlice.length === 1);
    // Unreliable delivery may lose a message even on loopback, so send until one arrives.
    await waitFor('an unreliable message', () => {
      aliceToBob.send(Channel.Unreliable, encode('unreliable hello'));
      return atBob.some((message) => message.channel === Channel.Unreliable);
    });
    expect(atBob[0]).toEqual({ channel: Channel.Reliable, text: 'reliable hello' });
    expect(atAlice[0]).toEqual({ channel: Channel.Reliable, text: 'reliable reply' });
    expect(atBob.find((message) => message.channel === Channel.Unreliable)?.text).toBe('unreliable hello');

    const closes: string[] = [];
    aliceMesh.events.on('link-closed', ({ remoteId }) => closes.push(remoteId));
    bobToAlice.close('test closes bob');
    await waitFor('alice to see the link close', () => closes.length === 1);
    expect(closes).toEqual([bob.selfId]);
    expect(aliceToBob.state).toBe('closed');
    expect(aliceToBob.send(Channel.Reliable, encode('too late'))).toBe(false);
  });

  it('counts and drops malformed signaling instead of throwing', () => {
    const link = wrtcLinks([])('nobody', false, () => undefined);
    cleanups.push(() => link.close());
    link.receiveSignal('{not json');
    link.receiveSignal('"a string"');
    expect(link.drops.badSignals).toBe(2);
    expect(link.state).toBe('connecting');
  });
});
