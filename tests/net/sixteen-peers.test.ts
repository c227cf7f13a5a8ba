import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Button } from '../../src/games/tag/input.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import type { TagWorld } from '../../src/games/tag/world.js';
import { Match, type MatchOptions } from '../../src/session/match.js';
import { systemScheduler } from '../../src/time/scheduler.js';
import { expectOk } from '../support/expect-ok.js';
import { startTestLobby, type TestLobby } from '../support/in-process-lobby.js';
import { spawnMatchHost, type MatchHostProcess } from '../support/spawn-match-host.js';
import { waitFor } from '../support/wait.js';
import { wrtcLinks } from '../support/wrtc-links.js';

/** Room for 16 players to walk apart without reaching a wall during the test. */
const WORLD = { width: 8_000, height: 8_000 };
const PLAYERS = 16;

/**
 * A full game of 16 over real WebRTC in Node: the host in a process of its own (so it can be
 * killed without a goodbye), 15 players here, every one linked to every other (120 links).
 */
describe('sixteen players over real WebRTC (Node)', () => {
  let lobby: TestLobby | undefined;
  let host: MatchHostProcess | undefined;
  const matches: Match<TagWorld>[] = [];
  /** What each player (by name) holds down. */
  const held = new Map<string, number>();

  beforeAll(async () => {
    lobby = await startTestLobby();
  });

  afterAll(async () => {
    host?.kill();
    await Promise.all(matches.map((match) => match.close()));
    await lobby?.close();
  });

  function options(name: string): MatchOptions<TagWorld> {
    return { lobby: lobby?.url ?? '', name, scheduler: systemScheduler, game: tagGame(WORLD), localInput: () => held.get(name) ?? 0, linkFactory: wrtcLinks };
  }

  it('plays: inputs reach the host and everyone sees everyone move; a killed host is replaced and the game goes on', async () => {
    const startedAt = performance.now();
    host = await spawnMatchHost(lobby?.url ?? '', WORLD, PLAYERS);
    for (let index = 1; index < PLAYERS; index += 1) matches.push(expectOk(await Match.join(options(`P${index}`), host.code)));
    await waitFor('a full mesh: everyone plays and sees 16 players', () => matches.every((m) => m.status === 'playing' && m.players().length === PLAYERS), 90_000);
    const meshMs = performance.now() - startedAt;

    // Every joined player walks right: every page sees all 15 of them move.
    const start = new Map(matches.map((m) => [m.selfId, new Map(m.players().map((p) => [p.slot, p.x]))]));
    for (let index = 1; index < PLAYERS; index += 1) held.set(`P${index}`, Button.Right);
    await waitFor('every page to see every walker move', () => matches.every((viewer) => viewer.players().filter((p) => p.name !== 'Host' && p.x > (start.get(viewer.selfId)?.get(p.slot) ?? Infinity) + 40).length === PLAYERS - 1), 30_000);

    const killedAt = performance.now();
    host.kill();
    await waitFor('one survivor to host and everyone to play with it', () => matches.filter((m) => m.role === 'host').length === 1 && matches.every((m) => m.status === 'playing' && m.players().length === PLAYERS - 1), 30_000);
    const migrationMs = performance.now() - killedAt;
    for (let index = 1; index < PLAYERS; index += 1) held.set(`P${index}`, Button.Down);
    const before = new Map(matches.map((m) => [m.selfId, new Map(m.players().map((p) => [p.slot, p.y]))]));
    await waitFor('everyone to see everyone move under the new host', () => matches.every((viewer) => viewer.players().filter((p) => p.y > (before.get(viewer.selfId)?.get(p.slot) ?? Infinity) + 40).length === PLAYERS - 1), 30_000);
    console.log(`16 peers: full mesh and playing in ${Math.round(meshMs)} ms; after the host was killed, a new host and everyone playing in ${Math.round(migrationMs)} ms`);
    expect(matches.every((m) => m.dropped.malformed === 0)).toBe(true);
  }, 240_000);
});
