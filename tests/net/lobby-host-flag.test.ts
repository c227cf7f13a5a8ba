import { afterAll, describe, expect, it } from 'vitest';
import { Match, type MatchOptions } from '../../src/session/match.js';
import { systemScheduler } from '../../src/time/scheduler.js';
import { expectOk } from '../support/expect-ok.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { waitFor } from '../support/wait.js';
import { wrtcLinks } from '../support/wrtc-links.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import type { TagWorld } from '../../src/games/tag/world.js';

describe('the lobby follows the match\'s host migration (real WebRTC, real lobby)', () => {
  const { url } = useSuiteLobby();
  const matches: Match[] = [];
  // Registered after the lobby's hooks, so it runs before the lobby stops (after-hooks run in reverse).
  afterAll(async () => {
    await Promise.all(matches.map((match) => match.close()));
  });

  const options = (name: string): MatchOptions<TagWorld> => ({
    lobby: url(),
    name,
    scheduler: systemScheduler,
    game: tagGame(),
    localInput: () => 0,
    linkFactory: wrtcLinks,
  });

  it('moves the lobby flag when the host hands over, and when a vanished host is replaced', async () => {
    const first = expectOk(await Match.host(options('First')));
    matches.push(first);
    const code = first.code;
    for (const name of ['Second', 'Third']) matches.push(expectOk(await Match.join(options(name), code)));
    const [, second, third] = matches;
    const everyoneSeesFlagOn = (match: Match | undefined) => () =>
      matches.every((m) => m.status === 'closed' || m.lobbyRoom.hostId === match?.selfId);
    await waitFor('three players everywhere', () => matches.every((m) => m.players().length === 3));

    // The host hides its tab and hands over: it holds the flag, so its report moves it.
    expect(first.stepDown()).toBe(true);
    await waitFor('the lobby flag on the second player', everyoneSeesFlagOn(second), 15_000);

    // The new host's page goes away (its lobby connection drops, its seat is held): the lobby
    // vacates the flag; the survivors elect the longest-present one still connected (the first
    // player again), which keeps the vacant flag and names itself.
    await second?.close({ keepSeat: true });
    await waitFor('the first player hosting again', () => first.role === 'host' && third?.hostClaim.hostId === first.selfId, 15_000);
    await waitFor('the lobby flag back on the first player', everyoneSeesFlagOn(first), 15_000);
    expect(first.lobbyRoom.joinOrder).toContain(second?.selfId); // its seat is still held, for a reload
  });
});
