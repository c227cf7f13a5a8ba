import { describe, expect, it } from 'vitest';
import { ReplicatedGame } from '../../src/game/replicated-game.js';
import { encodeWithinBudget } from '../../src/replication/budgeted-encoder.js';
import { PriorityAccumulator } from '../../src/replication/priority.js';
import { emptyState, type QuantizedState } from '../../src/replication/quantized-state.js';
import { BOARD_ID, interestGame, SECRET_ID, SIGHT, type InterestWorld } from '../support/interest-game.js';

/** A captured world: Ann (slot 0) at 100,100; Ben (slot 1) at 1000,1000, beside the secret; markers at set distances from Ann. */
function capturedWorld(): { game: ReplicatedGame<InterestWorld>; state: QuantizedState } {
  const definition = interestGame();
  const world = definition.createState();
  world.markers.clear();
  world.players.set(0, { x: 100, y: 100 });
  world.players.set(1, { x: 1_000, y: 1_000 });
  world.markers.set(100, { x: 100 + 50, y: 100, vx: 0 }); // near Ann
  world.markers.set(101, { x: 100 + SIGHT - 20, y: 100, vx: 0 }); // at the edge of her sight
  world.markers.set(102, { x: 100 + SIGHT + 40, y: 100, vx: 0 }); // just out of it
  const game = new ReplicatedGame(definition);
  return { game, state: game.capture(world, 1) };
}

const ids = (state: QuantizedState): number[] => Array.from(state.ids);

describe('InterestFilter: what one viewer is sent', () => {
  it('sends a player itself, what is near, and what is always visible; nothing farther, nothing hidden from it', () => {
    const { game, state } = capturedWorld();
    const filter = game.interest;
    if (!filter) throw new Error('the game declares interest rules');
    expect(ids(filter.viewFor(state, 0).state)).toEqual([0, 100, 101, BOARD_ID]);
    // Ben is 1,270 px from Ann: out of sight; the secret is his.
    expect(ids(filter.viewFor(state, 1).state)).toEqual([1, SECRET_ID, BOARD_ID]);
  });

  it('weighs its own player and near entities above far and always-visible ones', () => {
    const { game, state } = capturedWorld();
    const view = game.interest?.viewFor(state, 0);
    expect([view?.weight(0), view?.weight(100), view?.weight(101), view?.weight(BOARD_ID)]).toEqual([4, 3, 1, 1]);
  });

  it('sends a player whose entity is not there yet only what is always visible, and a spectator all but the hidden', () => {
    const { game, state } = capturedWorld();
    expect(ids(game.interest?.viewFor(state, 5).state ?? emptyState())).toEqual([BOARD_ID]);
    expect(ids(game.interest?.viewFor(state, undefined).state ?? emptyState())).toEqual([0, 1, 100, 101, 102, BOARD_ID]);
  });

  it('resends the heavier entities more often when a snapshot cannot hold every change', () => {
    const { game, state } = capturedWorld();
    const view = game.interest?.viewFor(state, 0);
    if (!view) throw new Error('no view');
    const priorities = new PriorityAccumulator();
    const sent = new Map<number, number>();
    // Against an empty baseline every entity always differs; each snapshot has room for about one,
    // and what it carried starts waiting again from nothing.
    for (let tick = 1; tick <= 40; tick += 1) {
      const body = encodeWithinBudget(game.schema, emptyState(), { ...view.state, tick }, priorities, 36, view.weight);
      for (const id of Array.from(body.carried)) sent.set(id, (sent.get(id) ?? 0) + 1);
      priorities.acknowledge(body.carried);
    }
    expect(sent.get(0)).toBeGreaterThan(sent.get(BOARD_ID) ?? 0);
    expect(sent.get(100)).toBeGreaterThan(sent.get(101) ?? 0);
    expect(sent.get(BOARD_ID)).toBeGreaterThan(0);
  });
});
