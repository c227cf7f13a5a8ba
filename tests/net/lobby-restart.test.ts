import { afterAll, describe, expect, it } from 'vitest';
import { fetchGameList } from '../../src/net/games-list.js';
import type { LinkStats } from '../../src/net/monitored-link.js';
import { Match, type MatchOptions } from '../../src/session/match.js';
import { Button } from '../../src/games/tag/input.js';
import { systemScheduler } from '../../src/time/scheduler.js';
import { expectOk } from '../support/expect-ok.js';
import { startLobbyProcess, type LobbyProcess } from '../support/lobby-process.js';
import { readUntil, waitFor } from '../support/wait.js';
import { wrtcLinks } from '../support/wrtc-links.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import type { TagWorld } from '../../src/games/tag/world.js';

/** Wide enough that a player holding Right for the whole test never reaches the wall. */
const WORLD = { width: 16_000, height: 16_000 };

/** Messages received on every open link, by remote peer: a link that was replaced starts again at 0. */
function receivedByPeer(match: Match): Map<string, number> {
  return new Map(match.linkStats().map((stats: LinkStats) => [stats.remoteId, stats.totals.messagesIn]));
}

describe('the lobby restarts in the middle of a match', () => {
  const lobbies: LobbyProcess[] = [];
  const matches: Match[] = [];

  afterAll(async () => {
    await Promise.all(matches.map((match) => match.close()));
    for (const lobby of lobbies) await lobby.stop();
  });

  function options(url: string, name: string, buttons: number): MatchOptions<TagWorld> {
    return { lobby: url, name, scheduler: systemScheduler, game: tagGame(WORLD), localInput: () => buttons, linkFactory: wrtcLinks };
  }

  /** A lobby process and a match of three on it: the host stands still, P1 holds Right, P2 Down. */
  async function threePlayers(): Promise<{ lobby: LobbyProcess; url: string; players: Match[] }> {
    const lobby = await startLobbyProcess();
    lobbies.push(lobby);
    const url = lobby.origin.replace('http:', 'ws:');
    const host = expectOk(await Match.host(options(url, 'Host', 0), { isPublic: true }));
    const players = [host];
    for (const [index, buttons] of [Button.Right, Button.Down].entries()) {
      players.push(expectOk(await Match.join(options(url, `P${index + 1}`, buttons), host.code)));
    }
    matches.push(...players);
    await waitFor('three players everywhere', () => players.every((m) => m.status === 'playing' && m.players().length === 3), 20_000);
    return { lobby, url, players };
  }

  /** Stops the lobby process and starts a new one on the same port. */
  async function restart(lobby: LobbyProcess, downMs: number): Promise<LobbyProcess> {
    await lobby.stop();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    const next = await startLobbyProcess({ PORT: new URL(lobby.origin).port });
    lobbies.push(next);
    return next;
  }

  it('the running match goes on without it, and games can be hosted again once it is back', async () => {
    const { lobby: first, url, players } = await threePlayers();
    const [host] = players;
    if (!host) throw new Error('no host');
    await first.stop();
    const mover = () => players[1]?.players().find((p) => p.isSelf)?.x ?? 0;
    const onHost = () => host.players().find((p) => p.name === 'P1')?.x ?? 0;
    const [moverBefore, hostViewBefore] = [mover(), onHost()];
    // Well past every liveness timeout: the peer links do not depend on the lobby.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(players.map((m) => m.status)).toEqual(['playing', 'playing', 'playing']);
    expect(players.map((m) => m.players().length)).toEqual([3, 3, 3]);
    expect(host.role).toBe('host');
    expect(mover()).toBeGreaterThan(moverBefore + 200);
    expect(onHost()).toBeGreaterThan(hostViewBefore + 200);

    const port = new URL(first.origin).port;
    const second = await startLobbyProcess({ PORT: port });
    lobbies.push(second);
    const fresh = expectOk(await Match.host(options(url, 'Later', 0)));
    matches.push(fresh);
    expect(fresh.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(players.every((m) => m.status === 'playing')).toBe(true);
  });

  it('the members re-enter the room under the same code and peer ids; a newcomer joins the same running world by the invite code', async () => {
    const { lobby: first, url, players: originals } = await threePlayers();
    const [host] = originals;
    if (!host) throw new Error('no host');
    const ids = originals.map((m) => m.selfId);
    const reattached: number[] = [];
    for (const match of originals) match.lobbyRoom.events.on('reattached', () => reattached.push(Date.now()));

    // P1 holds Right: its x on the host never goes back if the world is never reset.
    const p1OnHost = (): number => host.players().find((p) => p.name === 'P1')?.x ?? Number.NaN;
    const p1Track: number[] = [];
    const sampler = setInterval(() => p1Track.push(p1OnHost()), 20);
    const linksBefore = originals.map(receivedByPeer);

    const second = await restart(first, 1_000);
    const backAt = Date.now();
    await waitFor('every member to re-enter the room', () => reattached.length === 3, 30_000);
    console.log(`lobby back → all 3 members re-entered in ${Math.max(...reattached) - backAt} ms (first ${Math.min(...reattached) - backAt} ms)`);
    for (const [index, match] of originals.entries()) {
      expect(match.selfId).toBe(ids[index]);
      expect(match.code).toBe(host.code);
    }
    await waitFor('everyone to see the two others in the room again', () => originals.every((m) => m.lobbyRoom.members.size === 2));
    expect(host.lobbyRoom.hostId).toBe(host.selfId);
    await readUntil('the game to be listed again', async () => expectOk(await fetchGameList(second.origin)), (games) =>
      games.some((game) => game.code === host.code && game.players === 3),
    );

    const joinedAt = Date.now();
    const newcomer = expectOk(await Match.join(options(url, 'Newcomer', Button.Up), host.code));
    matches.push(newcomer);
    await waitFor('the newcomer to play in the same match', () => newcomer.status === 'playing' && [...originals, newcomer].every((m) => m.players().length === 4), 20_000);
    console.log(`newcomer: join by code → playing with 4 players in ${Date.now() - joinedAt} ms`);
    clearInterval(sampler);

    expect(newcomer.hostClaim.hostId).toBe(host.selfId);
    expect(host.role).toBe('host');
    expect(new Set(newcomer.players().map((p) => p.name))).toEqual(new Set(['Host', 'P1', 'P2', 'Newcomer']));
    // Same world: the newcomer draws P1 ahead of where the host had it before the lobby stopped.
    const p1OnNewcomer = newcomer.players().find((p) => p.name === 'P1')?.x ?? Number.NaN;
    expect(p1OnNewcomer).toBeGreaterThan(p1Track[0] ?? Number.POSITIVE_INFINITY);
    const steps = p1Track.slice(1).map((x, index) => x - (p1Track[index] ?? x));
    console.log(`P1 on the host: ${p1Track.length} samples, x ${p1Track[0]} → ${p1Track.at(-1)}, largest step ${Math.max(...steps).toFixed(1)} px, smallest ${Math.min(...steps).toFixed(1)} px`);
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(0);

    // The original links were never replaced: their message counts only grew.
    for (const [index, match] of originals.entries()) {
      const now = receivedByPeer(match);
      for (const [remoteId, before] of linksBefore[index] ?? new Map<string, number>()) {
        expect(now.get(remoteId)).toBeGreaterThan(before);
      }
      expect(now.has(newcomer.selfId)).toBe(true);
    }
  });
});
