import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagGame } from '../../src/games/tag/tag-game.js';
import type { TagWorld } from '../../src/games/tag/world.js';
import { Match, type MatchOptions } from '../../src/session/match.js';
import { ChatChannel } from '../../src/social/chat-channel.js';
import { ChatLog } from '../../src/social/chat-log.js';
import { systemScheduler } from '../../src/time/scheduler.js';
import { expectOk } from '../support/expect-ok.js';
import { startTestLobby, type TestLobby } from '../support/in-process-lobby.js';
import { present, waitFor } from '../support/wait.js';
import { wrtcLinks } from '../support/wrtc-links.js';

/** One player of the test game: its match and its chat. */
interface Player {
  readonly match: Match<TagWorld>;
  readonly log: ChatLog;
  readonly chat: ChatChannel;
}

describe('text chat between three Node peers over real WebRTC', () => {
  let lobby: TestLobby;
  const players: Player[] = [];

  beforeAll(async () => {
    lobby = await startTestLobby();
  });

  afterAll(async () => {
    for (const player of players) player.chat.close();
    await Promise.all(players.map((player) => player.match.close()));
    await lobby.close();
  });

  function options(name: string): MatchOptions<TagWorld> {
    return { lobby: lobby.url, name, scheduler: systemScheduler, game: tagGame(), localInput: () => 0, linkFactory: wrtcLinks };
  }

  function withChat(match: Match<TagWorld>, name: string): Player {
    const log = new ChatLog();
    const chat = new ChatChannel({
      selfId: match.selfId,
      selfName: name,
      links: match.peerLinks,
      log,
      nameOf: (id) => match.players().find((player) => player.peerId === id)?.name,
      clock: systemScheduler,
    });
    return { match, log, chat };
  }

  it('a line from each player reaches both others directly, and no session counts it as unauthorized', async () => {
    const host = expectOk(await Match.host(options('Ann')));
    players.push(withChat(host, 'Ann'));
    for (const name of ['Ben', 'Cy']) players.push(withChat(expectOk(await Match.join(options(name), host.code)), name));
    await waitFor('everyone to see three players', () => players.every((p) => p.match.players().length === 3));
    await waitFor('a full mesh', () => players.every((p) => p.match.peerLinks.openLinks().length === 2));

    for (const [index, player] of players.entries()) expectOk(player.chat.send(`hello from ${index}`));
    await waitFor('every line on every screen', () => players.every((p) => p.log.lines().length === 3));

    for (const player of players) {
      const lines = player.log.lines();
      expect(lines.map((line) => line.text).sort()).toEqual(['hello from 0', 'hello from 1', 'hello from 2']);
      for (const line of lines) expect(line.isSelf).toBe(line.senderId === player.match.selfId);
      expect(lines.map((line) => line.senderName).sort()).toEqual(['Ann', 'Ben', 'Cy']);
      expect(player.chat.drops).toEqual({ malformed: 0, rejected: 0, rateLimited: 0 });
      expect(player.match.dropped).toEqual({ malformed: 0, unauthorized: 0 });
    }
  });

  it('keeps working between the others when the host leaves', async () => {
    const [host, ben, cy] = [present(players[0], 'Ann'), present(players[1], 'Ben'), present(players[2], 'Cy')];
    await host.match.close();
    await waitFor('Ben and Cy to lose the host', () => [ben, cy].every((p) => p.match.hostClaim.hostId !== host.match.selfId));
    expectOk(cy.chat.send('still here'));
    await waitFor('the line to arrive', () => ben.log.lines().at(-1)?.text === 'still here');
    expect(ben.log.lines().at(-1)?.senderName).toBe('Cy');
  });
});
