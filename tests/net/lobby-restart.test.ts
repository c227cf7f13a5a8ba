import { afterAll, describe, expect, it } from 'vitest';
import { Match, type MatchOptions } from '../../src/session/match.js';
import { Button } from '../../src/games/tag/input.js';
import { systemClock } from '../../src/time/clock.js';
import { expectOk } from '../support/expect-ok.js';
import { startLobbyProcess, type LobbyProcess } from '../support/lobby-process.js';
import { waitFor } from '../support/wait.js';
import { wrtcLinks } from '../support/wrtc-links.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import type { TagWorld } from '../../src/games/tag/world.js';

const WORLD = { width: 4_000, height: 4_000 };

describe('the lobby restarts in the middle of a match', () => {
  const lobbies: LobbyProcess[] = [];
  const matches: Match[] = [];

  afterAll(async () => {
    await Promise.all(matches.map((match) => match.close()));
    for (const lobby of lobbies) await lobby.stop();
  });

  function options(url: string, name: string, buttons: number): MatchOptions<TagWorld> {
    return { lobbyUrl: url, name, clock: systemClock, game: tagGame(WORLD), localInput: () => buttons, linkFactory: wrtcLinks };
  }

  it('the running match goes on without it, and games can be hosted again once it is back', async () => {
    const first = await startLobbyProcess();
    lobbies.push(first);
    const url = first.origin.replace('http:', 'ws:');
    const host = expectOk(await Match.host(options(url, 'Host', 0)));
    matches.push(host);
    for (const [index, buttons] of [Button.Right, Button.Down].entries()) {
      matches.push(expectOk(await Match.join(options(url, `P${index + 1}`, buttons), host.code)));
    }
    await waitFor('three players everywhere', () => matches.every((m) => m.status === 'playing' && m.players().length === 3), 20_000);

    await first.stop();
    const mover = () => matches[1]?.players().find((p) => p.isSelf)?.x ?? 0;
    const onHost = () => host.players().find((p) => p.name === 'P1')?.x ?? 0;
    const [moverBefore, hostViewBefore] = [mover(), onHost()];
    // Well past every liveness timeout: the peer links do not depend on the lobby.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(matches.map((m) => m.status)).toEqual(['playing', 'playing', 'playing']);
    expect(matches.map((m) => m.players().length)).toEqual([3, 3, 3]);
    expect(host.role).toBe('host');
    expect(mover()).toBeGreaterThan(moverBefore + 200);
    expect(onHost()).toBeGreaterThan(hostViewBefore + 200);

    const port = new URL(first.origin).port;
    const second = await startLobbyProcess({ PORT: port });
    lobbies.push(second);
    const fresh = expectOk(await Match.host(options(url, 'Later', 0)));
    matches.push(fresh);
    expect(fresh.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(matches.slice(0, 3).every((m) => m.status === 'playing')).toBe(true);
  });
});
