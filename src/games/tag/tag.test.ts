import { SimulatedGame } from 'hostmesh/testing';
import { describe, expect, it } from 'vitest';
import { Button } from './input.js';
import { tagGame } from './tag-game.js';

/**
 * Tag played by two simulated players in one process: the engine's real lobby client, host and
 * snapshots, on in-memory links with 40 ms of latency, on a manual clock (a run repeats from its seed).
 */
async function twoPlayers(seed: number) {
  const sim = new SimulatedGame({ seed, game: tagGame() });
  const ann = sim.player('Ann');
  const ben = sim.player('Ben');
  sim.network.setConditions('Ann', { latencyMs: 40 });
  sim.network.setConditions('Ben', { latencyMs: 40 });
  const hosted = await sim.until(ann.host());
  if (!hosted.ok) throw new Error(hosted.reason);
  const joined = await sim.until(ben.join(hosted.value.code));
  if (!joined.ok) throw new Error(joined.reason);
  await sim.advance(1_000);
  return { sim, ann, ben };
}

describe('Tag', () => {
  it("moves a guest by its input, on the host's page and its own", async () => {
    const { sim, ann, ben } = await twoPlayers(1);
    const slot = ben.match?.selfSlot;
    const before = ann.entities().find((entity) => entity.id === slot);
    ben.input = Button.Right;
    await sim.advance(1_000);
    ben.input = 0;
    await sim.advance(500);
    const onHost = ann.entities().find((entity) => entity.id === slot);
    const onGuest = ben.entities().find((entity) => entity.id === slot);
    expect(before).toBeDefined();
    // 180 px/s for about a second (the first inputs need a round trip to reach the host).
    expect((onHost?.x ?? 0) - (before?.x ?? 0)).toBeGreaterThan(120);
    expect(onGuest?.x).toBeCloseTo(onHost?.x ?? Number.NaN, 0);
  });

  it('passes "it" on when "it" touches the other player', async () => {
    const { sim, ann, ben } = await twoPlayers(2);
    const it = (): number | undefined => ann.entities().find((entity) => entity.it === 1)?.id;
    const first = it();
    expect(first).toBeDefined();
    const chaser = first === ann.match?.selfSlot ? ann : ben;
    const target = chaser === ann ? ben : ann;
    // The chaser runs at the other player (who stands still) until "it" changes hands.
    for (let step = 0; step < 100 && it() === first; step += 1) {
      const from = chaser.entities().find((entity) => entity.id === chaser.match?.selfSlot);
      const to = chaser.entities().find((entity) => entity.id === target.match?.selfSlot);
      if (from && to) chaser.input = (to.x > from.x + 4 ? Button.Right : to.x < from.x - 4 ? Button.Left : 0) | (to.y > from.y + 4 ? Button.Down : to.y < from.y - 4 ? Button.Up : 0);
      await sim.advance(100);
    }
    expect(it()).toBe(target.match?.selfSlot);
  });
});
