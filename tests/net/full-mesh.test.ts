import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel } from '../../src/net/peer-link.js';
import { joinFullMesh, type FullMesh } from '../support/full-mesh.js';
import { startTestLobby, type TestLobby } from '../support/in-process-lobby.js';
import { present, waitFor } from '../support/wait.js';

describe('an 8-peer full mesh over real WebRTC, signaled through the real lobby', () => {
  let lobby: TestLobby | undefined;
  let mesh: FullMesh | undefined;

  beforeAll(async () => {
    lobby = await startTestLobby();
  });

  afterAll(async () => {
    await mesh?.close();
    await lobby?.close();
  });

  it('links every pair (28 links), measures every link, and sees a clean leave as a Bye', async () => {
    mesh = await joinFullMesh(present(lobby, 'lobby').url, 8);
    const { members } = mesh;
    console.info(`8-peer full mesh in ${Math.round(mesh.msToFullMesh)} ms`);
    for (const member of members) {
      const others = members.filter((other) => other !== member).map((other) => other.session.selfId);
      expect(member.mesh.openLinks().map((link) => link.remoteId).sort()).toEqual(others.sort());
    }
    await waitFor('an RTT and a candidate pair on every link', () =>
      members.every((m) => m.mesh.stats().every((s) => s.rttMs !== undefined && s.candidates !== undefined)),
    );
    const pairs = members.flatMap((m) => m.mesh.stats().map((s) => s.candidates));
    // Loopback host candidates; a remote seen in a connectivity check before its trickled
    // candidate arrived is peer-reflexive.
    expect(pairs.every((pair) => pair?.local === 'host' && ['host', 'prflx'].includes(pair.remote))).toBe(true);

    const [leaver, ...stayers] = members;
    const seen: string[] = [];
    for (const stayer of stayers) {
      stayer.mesh.events.on('link-closed', ({ remoteId, reason }) => {
        if (remoteId === leaver?.session.selfId) seen.push(reason);
      });
    }
    present(leaver, 'leaver').mesh.close();
    await waitFor('every other peer to see the leave', () => seen.length === stayers.length);
    expect(new Set(seen)).toEqual(new Set(['peer left: mesh closed']));

    const [sender, receiver] = stayers.map((member) => member.mesh);
    const texts: string[] = [];
    const link = present(receiver?.link(present(stayers[0], 'sender').session.selfId), 'link');
    link.events.on('message', ({ bytes }) => texts.push(new TextDecoder().decode(bytes)));
    sender?.link(present(stayers[1], 'receiver').session.selfId)?.send(Channel.Reliable, new TextEncoder().encode('still here'));
    await waitFor('the rest of the mesh to keep working', () => texts.includes('still here'));
  });
});
