import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LobbySession } from '../../src/net/lobby-client.js';
import { Mesh } from '../../src/net/mesh.js';
import { Channel, type PeerLink } from '../../src/net/peer-link.js';
import { Match, type MatchOptions } from '../../src/session/match.js';
import { Button } from '../../src/games/tag/input.js';
import { systemScheduler } from '../../src/time/scheduler.js';
import { expectOk } from '../support/expect-ok.js';
import { startTestLobby, type TestLobby } from '../support/in-process-lobby.js';
import { waitFor } from '../support/wait.js';
import { wrtcLinks } from '../support/wrtc-links.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import type { TagWorld } from '../../src/games/tag/world.js';


describe('a match between two Node peers over real WebRTC', () => {
  let lobby: TestLobby;
  const matches: Match[] = [];

  beforeAll(async () => {
    lobby = await startTestLobby();
  });

  afterAll(async () => {
    await Promise.all(matches.map((match) => match.close()));
    await lobby.close();
  });

  function options(name: string, buttons: () => number): MatchOptions<TagWorld> {
    return {
      lobby: lobby.url,
      name,
      scheduler: systemScheduler,
      game: tagGame(),
      localInput: buttons,
      linkFactory: wrtcLinks,
    };
  }

  it('replicates the host world to the client and the client input to the host', async () => {
    let guestButtons = 0;
    const host = expectOk(await Match.host(options('Host', () => 0)));
    matches.push(host);
    const guest = expectOk(await Match.join(options('Guest', () => guestButtons), host.code));
    matches.push(guest);

    await waitFor('both to see two players', () => host.players().length === 2 && guest.players().length === 2);
    expect(host.role).toBe('host');
    expect(guest.role).toBe('client');
    expect(guest.status).toBe('playing');
    expect(guest.players().map((p) => p.name).sort()).toEqual(['Guest', 'Host']);
    expect(guest.players().find((p) => p.isSelf)?.name).toBe('Guest');

    const guestOnHost = () => host.players().find((p) => p.name === 'Guest');
    const startX = guestOnHost()?.x ?? Number.NaN;
    guestButtons = Button.Right;
    await waitFor('the guest to move right on the host', () => (guestOnHost()?.x ?? 0) > startX + 30);
    guestButtons = 0;
    const hostTruth = guestOnHost()?.x ?? Number.NaN;
    await waitFor('the guest to see its own move', () => {
      const seen = guest.players().find((p) => p.isSelf)?.x ?? 0;
      return Math.abs(seen - (guestOnHost()?.x ?? 0)) < 0.5 && seen >= hostTruth;
    });

    await guest.close();
    await waitFor('the host to drop the guest', () => host.players().length === 1);
  });

  it('drops and counts malformed peer messages; the game goes on', async () => {
    const host = expectOk(await Match.host(options('Host', () => Button.Down)));
    matches.push(host);
    const intruder = expectOk(await LobbySession.join(lobby.url, host.code, 'Intruder'));
    const mesh = new Mesh(intruder, wrtcLinks([]));
    const links: PeerLink[] = [];
    mesh.events.on('link-open', (link) => links.push(link));
    mesh.start();
    await waitFor('the intruder link', () => links.length === 1);
    const link = links[0] as PeerLink;
    const garbage = [new Uint8Array([0xc1]), new Uint8Array([0x93, 0x03]), new TextEncoder().encode('{"x":1}')];
    for (const bytes of garbage) link.send(Channel.Reliable, bytes);
    await waitFor('three malformed messages counted', () => host.dropped.malformed === 3);
    const tickBefore = host.players()[0]?.y ?? 0;
    await waitFor('the host to keep simulating', () => (host.players()[0]?.y ?? 0) > tickBefore);
    mesh.close();
    await intruder.leave();
  });
});
