import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import wrtc from '@roamhq/wrtc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindingRequest, readMappedAddress } from '../../server/stun/stun-message.js';
import { startStunServer, type StunServer } from '../../server/stun/stun-server.js';
import { probeNat } from '../../src/net/nat-probe.js';
import { LobbySession } from '../../src/net/lobby-client.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { present, waitFor } from '../support/wait.js';

/** Sends one datagram from `socket` and resolves with the first answer (undefined after 500 ms). */
function ask(socket: Socket, port: number, datagram: Uint8Array): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.off('message', answered);
      resolve(undefined);
    }, 500);
    const answered = (message: Buffer): void => {
      clearTimeout(timer);
      resolve(message);
    };
    socket.once('message', answered);
    socket.send(datagram, port, '127.0.0.1');
  });
}

describe('the lobby\'s STUN server (real UDP)', () => {
  let stun: StunServer | undefined;
  const client = createSocket('udp4');

  beforeAll(async () => {
    stun = await startStunServer({ port: 0, host: '127.0.0.1', rate: { burst: 5, perSecond: 0.001 } });
    await new Promise<void>((resolve) => client.bind(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    client.close();
    await stun?.close();
  });

  it('tells a client the address and port its datagram came from; ignores what is not STUN; limits each address', async () => {
    const server = present(stun, 'STUN server');
    const answer = await ask(client, server.port, bindingRequest(randomBytes(12)));
    expect(readMappedAddress(present(answer, 'an answer'))).toEqual({ address: '127.0.0.1', port: client.address().port });
    expect(await ask(client, server.port, new TextEncoder().encode('hello?'))).toBeUndefined();
    expect(server.counters).toMatchObject({ answered: 1, ignored: 1, limited: 0 });
    // 5 requests a burst, then (almost) nothing: the other four of the burst, then silence.
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await ask(client, server.port, bindingRequest(randomBytes(12))));
    expect(answers.filter((a) => a !== undefined)).toHaveLength(4);
    expect(server.counters.limited).toBe(2);
  });
});

describe('a member of a real lobby that runs its STUN server', () => {
  const suite = useSuiteLobby({ stunPort: 0 });

  it('is told to use it at the host it reached the lobby by, and a WebRTC peer (@roamhq/wrtc) asks it while gathering', async () => {
    const session = suite.keep(await LobbySession.host(suite.url(), 'Ann'));
    const stunPort = present(suite.lobby().stun, 'the STUN server').port;
    expect(session.iceServers).toEqual([{ urls: `stun:127.0.0.1:${stunPort}` }]);
    const peer = new wrtc.RTCPeerConnection({ iceServers: session.iceServers.map((server) => ({ urls: [server.urls].flat() })) });
    try {
      peer.createDataChannel('probe');
      await peer.setLocalDescription(await peer.createOffer());
      await waitFor('ICE gathering to finish', () => peer.iceGatheringState === 'complete');
    } finally {
      peer.close();
    }
    expect(present(suite.lobby().stun, 'the STUN server').counters.answered).toBeGreaterThan(0);
  });

  it('is given the second port too, and a NAT probe over loopback (no NAT, a private server) finds nothing to warn about', async () => {
    const session = suite.keep(await LobbySession.host(suite.url(), 'Ann'));
    const stunPort = present(suite.lobby().stun, 'the STUN server').port;
    const probePort = present(suite.lobby().stunProbe, 'the second STUN port').port;
    expect(probePort).toBe(stunPort + 1);
    const targets = present(session.natProbeTargets, 'the probe targets');
    expect(targets).toEqual({ stun: `stun:127.0.0.1:${stunPort}`, probe: `stun:127.0.0.1:${probePort}` });
    const create = (config: RTCConfiguration): RTCPeerConnection => new wrtc.RTCPeerConnection(config);
    expect(await probeNat(targets, create)).toBe('direct');
    expect(session.relayOffered).toBe(false);
  });
});
