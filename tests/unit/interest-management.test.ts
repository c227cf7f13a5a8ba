import { describe, expect, it } from 'vitest';
import type { SimulatedGame, SimulatedPlayer } from '../../src/testing/index.js';
import { SimulatedGame as Simulation } from '../../src/testing/index.js';
import { BOARD_ID, interestGame, isMarker, isSecret, MARKER_COUNT, SIGHT, Walk, type InterestEntity, type InterestWorld } from '../support/interest-game.js';

type Game = ReturnType<typeof interestGame>;
type Fields = Game['fields'];
type Player = SimulatedPlayer<InterestWorld, Fields>;

/** Ann hosts, Ben (slot 1, the one the secret is for) and Cy (slot 2) join, on links with 30 ms of latency. */
async function threePlayers(seed: number, game: Game = interestGame()): Promise<{ sim: SimulatedGame<InterestWorld, Fields>; ann: Player; ben: Player; cy: Player }> {
  const sim = new Simulation({ seed, game });
  const [ann, ben, cy] = ['Ann', 'Ben', 'Cy'].map((name) => {
    sim.network.setConditions(name, { latencyMs: 30, jitterMs: 5 });
    return sim.player(name);
  }) as [Player, Player, Player];
  const hosted = await sim.until(ann.host());
  if (!hosted.ok) throw new Error(hosted.reason);
  for (const guest of [ben, cy]) {
    const joined = await sim.until(guest.join(hosted.value.code));
    if (!joined.ok) throw new Error(joined.reason);
  }
  await sim.advance(1_000);
  return { sim, ann, ben, cy };
}

/** What one page drew, sample by sample (every 10 ms of simulated time). */
class DrawnLog {
  readonly samples: { readonly at: number; readonly entities: readonly InterestEntity[] }[] = [];
  constructor(private readonly player: Player) {}
  sample(at: number): void {
    if (this.player.match) this.samples.push({ at, entities: this.player.entities() });
  }
}

async function watch(sim: SimulatedGame<InterestWorld, Fields>, logs: readonly DrawnLog[], ms: number): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += 10) {
    await sim.advance(10);
    for (const log of logs) log.sample(sim.scheduler.now());
  }
}

function own(player: Player, entities: readonly InterestEntity[]): InterestEntity | undefined {
  const slot = player.match?.selfSlot;
  return entities.find((entity) => entity.id === slot);
}

describe('interest management (simulated players, in-memory links, one clock)', () => {
  it('sends each player what it may see, and a secret never to anyone else: through moves, a reload and a host change', async () => {
    const { sim, ann, ben, cy } = await threePlayers(11);
    const benLog = new DrawnLog(ben);
    const cyLog = new DrawnLog(cy);
    await watch(sim, [benLog, cyLog], 2_000);
    // Cy walks across the field: markers come into sight and leave it.
    cy.input = Walk.Right | Walk.Down;
    await watch(sim, [benLog, cyLog], 3_000);
    cy.input = 0;
    // A reload: Cy's new page starts from a full snapshot.
    const reloaded = await sim.until(cy.reload(300).then((result) => result ?? { ok: false as const, reason: 'no seat' }));
    expect(reloaded.ok).toBe(true);
    await watch(sim, [benLog, cyLog], 2_000);
    // The host crashes: a successor restores the world from what it was sent, and hosts it.
    ann.crash();
    await watch(sim, [benLog, cyLog], 5_000);
    expect([ben.match?.role, cy.match?.role].sort()).toEqual(['client', 'host']);
    await watch(sim, [benLog, cyLog], 1_000);

    const cySamples = cyLog.samples.filter((sample) => sample.entities.length > 0);
    expect(cySamples.length).toBeGreaterThan(1_000);
    expect(cySamples.filter((sample) => sample.entities.some(isSecret))).toEqual([]);
    expect(benLog.samples.some((sample) => sample.entities.some(isSecret))).toBe(true);
    // Everything Cy drew as a client was near Cy (sight, plus the motion interpolation lags by).
    const cyAsClient = cySamples.filter((sample) => sample.at < sim.scheduler.now() - 6_000);
    const far = cyAsClient.flatMap((sample) => {
      const self = own(cy, sample.entities);
      return self ? sample.entities.filter((entity) => isMarker(entity) && Math.hypot(entity.x - self.x, entity.y - self.y) > SIGHT + 60) : [];
    });
    expect(far).toEqual([]);
    const mostMarkers = Math.max(...cyAsClient.map((sample) => sample.entities.filter(isMarker).length));
    expect(mostMarkers).toBeGreaterThan(0);
    expect(mostMarkers).toBeLessThan(MARKER_COUNT / 2);
    // The scoreboard is always sent, however far.
    expect(cyAsClient.filter((sample) => !sample.entities.some((entity) => entity.id === BOARD_ID)).length).toBeLessThan(5);
  });

  it('draws a marker that comes into sight where it is, with no glide from where it was last seen', async () => {
    const { sim, cy } = await threePlayers(12);
    const log = new DrawnLog(cy);
    cy.input = Walk.Right;
    await watch(sim, [log], 3_000);
    cy.input = Walk.Left;
    await watch(sim, [log], 3_000);
    let entries = 0;
    let largestStep = 0;
    for (let i = 1; i < log.samples.length; i += 1) {
      const before = new Map((log.samples[i - 1]?.entities ?? []).filter(isMarker).map((entity) => [entity.id, entity]));
      for (const marker of (log.samples[i]?.entities ?? []).filter(isMarker)) {
        const previous = before.get(marker.id);
        if (previous === undefined) entries += 1;
        else largestStep = Math.max(largestStep, Math.hypot(marker.x - previous.x, marker.y - previous.y));
      }
    }
    expect(entries).toBeGreaterThan(5);
    // 240 px/s is 2.4 px per 10 ms sample; a glide from a stale place would be tens of pixels.
    expect(largestStep).toBeLessThan(8);
  });

  it('sends a peer fewer bytes than the whole world would take', async () => {
    const received = async (game: Game): Promise<number> => {
      const { sim, cy } = await threePlayers(13, game);
      const before = cy.match?.linkStats().reduce((sum, link) => sum + link.totals.bytesIn, 0) ?? 0;
      await sim.advance(3_000);
      return (cy.match?.linkStats().reduce((sum, link) => sum + link.totals.bytesIn, 0) ?? 0) - before;
    };
    const withInterest = await received(interestGame());
    const { interest, ...everything } = interestGame();
    expect(interest).toBeDefined();
    const withoutInterest = await received(everything);
    expect(withInterest).toBeLessThan(withoutInterest / 2);
  });
});
