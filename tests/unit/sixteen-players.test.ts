import { describe, expect, it } from 'vitest';
import { Button } from '../../src/games/tag/input.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import { SimulatedGame } from '../../src/testing/index.js';

const NAMES = Array.from({ length: 17 }, (_, index) => `P${String(index + 1).padStart(2, '0')}`);

/**
 * A full game of 16 (Tag allows 16) on simulated links with 40 ms of latency: slots 0–15, every
 * page sees everyone move, a 17th player is refused, and the game goes on after the host crashes.
 */
describe('sixteen players in one game (simulated)', () => {
  it('gives 16 players slots 0–15, refuses a 17th, and everyone sees everyone move, also after the host crashes', async () => {
    const sim = new SimulatedGame({ seed: 16, game: tagGame() });
    for (const name of NAMES) sim.network.setConditions(name, { latencyMs: 40, jitterMs: 5 });
    const [first, ...rest] = NAMES.map((name) => sim.player(name));
    if (!first) throw new Error('no players');
    const hosted = await sim.until(first.host({ isPublic: true, maxPlayers: 16 }));
    if (!hosted.ok) throw new Error(hosted.reason);
    const players = [first];
    for (const player of rest.slice(0, 15)) {
      const joined = await sim.until(player.join(hosted.value.code));
      if (!joined.ok) throw new Error(`${player.name}: ${joined.reason}`);
      players.push(player);
    }
    await sim.advance(3_000);
    expect(players.map((player) => player.match?.selfSlot).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 16 }, (_, slot) => slot));
    for (const player of players) expect(player.entities().length).toBe(16);

    const seventeenth = rest[15];
    const refused = seventeenth ? await sim.until(seventeenth.join(hosted.value.code)) : undefined;
    expect(refused).toMatchObject({ ok: false, reason: expect.stringContaining('full') });

    // Everyone walks right for a second: every page sees every player move.
    const startX = new Map(first.entities().map((entity) => [entity.id, entity.x]));
    for (const player of players) player.input = Button.Right;
    await sim.advance(1_000);
    for (const player of players) player.input = 0;
    await sim.advance(500);
    for (const viewer of players) {
      const moved = viewer.entities().filter((entity) => entity.x > (startX.get(entity.id) ?? Number.POSITIVE_INFINITY) + 40);
      expect(moved.length, `${viewer.name} sees every player move`).toBe(16);
    }

    first.crash();
    await sim.advance(5_000);
    const remaining = players.slice(1);
    expect(remaining.filter((player) => player.match?.role === 'host')).toHaveLength(1);
    for (const player of remaining) expect(player.entities().length, `${player.name} after the host change`).toBe(15);
    const before = new Map(remaining[0]?.entities().map((entity) => [entity.id, entity.y]));
    for (const player of remaining) player.input = Button.Down;
    await sim.advance(1_000);
    for (const viewer of remaining) expect(viewer.entities().filter((entity) => entity.y > (before.get(entity.id) ?? Number.POSITIVE_INFINITY) + 40)).toHaveLength(15);
  });
});
