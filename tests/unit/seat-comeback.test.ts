import { describe, expect, it } from 'vitest';
import { tagGame } from '../../src/games/tag/tag-game.js';
import type { TagWorld } from '../../src/games/tag/world.js';
import { SimulatedGame } from '../../src/testing/simulated-game.js';
import { seatPlayers } from '../support/simulated-table.js';

const GRACE_SECONDS = 8;

async function gameOfThree(): Promise<{ sim: SimulatedGame<TagWorld>; code: string }> {
  const sim = new SimulatedGame({ seed: 7, game: tagGame(), lobby: { graceSeconds: GRACE_SECONDS } });
  const code = await seatPlayers(sim, 'Ann', ['Ben', 'Cy']);
  await sim.advance(2_000);
  return { sim, code };
}

describe('a page whose seat is gone comes back as itself, or learns it is out', () => {
  it.each([
    { name: 'a reload slower than the grace period', loadMs: (GRACE_SECONDS + 3) * 1_000, lobbyRestart: false },
    { name: 'a reload while the lobby restarts (its token is of the old room)', loadMs: 4_000, lobbyRestart: true },
  ])('$name: the page enters by code as the same peer, in its slot', async ({ loadMs, lobbyRestart }) => {
    const { sim } = await gameOfThree();
    const cy = sim.player('Cy');
    const before = { id: cy.match?.selfId, slot: cy.match?.selfSlot };
    const reloading = cy.reload(loadMs);
    if (lobbyRestart) sim.lobby.restart(1_000);
    const reloaded = await sim.until(reloading);
    expect(reloaded?.ok).toBe(true);
    await sim.advance(4_000);
    expect({ id: cy.match?.selfId, slot: cy.match?.selfSlot }).toEqual(before);
    expect(cy.match?.status).toBe('playing');
  });

  it('a page cut off from the lobby past the grace period, while the host locked the game, is told it is out', async () => {
    const { sim } = await gameOfThree();
    const cy = sim.player('Cy');
    const match = cy.match;
    const shutOut: string[] = [];
    match?.lobbyRoom.events.on('shut-out', ({ reason }) => shutOut.push(reason));
    sim.lobby.setReachable('Cy', false);
    await sim.advance(1_000);
    sim.player('Ann').match?.lobbyRoom.lock(true);
    await sim.advance((GRACE_SECONDS + 2) * 1_000);
    sim.lobby.setReachable('Cy', true);
    await sim.advance(10_000);
    expect(shutOut).toEqual([expect.stringContaining('locked')]);
    expect(match?.status).toBe('closed');
  });
});
