import { afterAll, describe, expect, it } from 'vitest';
import { Button } from '../../src/games/tag/input.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import type { TagWorld } from '../../src/games/tag/world.js';
import { Match, type MatchOptions } from '../../src/session/match.js';
import { systemScheduler } from '../../src/time/scheduler.js';
import { expectOk } from '../support/expect-ok.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { waitFor } from '../support/wait.js';
import { wrtcLinks } from '../support/wrtc-links.js';

describe('a spectator (real WebRTC, real lobby)', () => {
  const { url } = useSuiteLobby();
  const matches: Match[] = [];
  afterAll(async () => {
    await Promise.all(matches.map((match) => match.close()));
  });

  const options = (name: string, input: number, spectate = false): MatchOptions<TagWorld> => ({
    lobby: url(),
    name,
    scheduler: systemScheduler,
    game: tagGame(),
    localInput: () => input,
    linkFactory: wrtcLinks,
    spectate,
  });

  it('watches a full game without a slot or a say, and is never elected host', async () => {
    const host = expectOk(await Match.host(options('Host', 0), { maxPlayers: 2 }));
    matches.push(host);
    // The spectator arrives before the second player, and holds a movement key the whole time.
    const watcher = expectOk(await Match.join(options('Watcher', Button.Left, true), host.code));
    matches.push(watcher);
    const player = expectOk(await Match.join(options('Player', Button.Right), host.code));
    matches.push(player);
    await waitFor('the watcher to see both players', () => watcher.players().length === 2 && player.players().length === 2, 15_000);

    expect(host.players().map((p) => p.name).sort()).toEqual(['Host', 'Player']);
    expect(watcher.selfSlot).toBeUndefined();
    expect(watcher.players().some((p) => p.isSelf)).toBe(false);
    // Its snapshots flow like anyone's (deltas need its acknowledgements), and its keys move nothing.
    const snapshotsBefore = watcher.entities().length;
    expect(snapshotsBefore).toBe(2);
    const playerX = (match: Match): number => match.players().find((p) => p.name === 'Player')?.x ?? Number.NaN;
    const seenBefore = playerX(watcher);
    await waitFor('the watcher to see the player move', () => playerX(watcher) > seenBefore + 30);
    expect(host.dropped.unauthorized).toBe(0);

    // The host leaves: the player takes over although the watcher was there first.
    await host.close();
    await waitFor('the player to host and the watcher to follow', () => player.role === 'host' && watcher.hostClaim.hostId === player.selfId && watcher.status === 'playing', 10_000);
    expect(watcher.role).toBe('client');
    const afterX = playerX(watcher);
    await waitFor('the watcher to keep seeing the game', () => playerX(watcher) > afterX + 30);
  });
});
