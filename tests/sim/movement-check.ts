import { Button } from '../../src/games/tag/input.js';
import type { TagWorld } from '../../src/games/tag/world.js';
import type { Match } from '../../src/session/match.js';
import type { SimulatedPlayer } from '../../src/testing/simulated-game.js';
import { describeWorlds, type NameOf } from './page-descriptions.js';

/** How long each player holds a direction, and the least distance every page must see it go. */
const MOVE_MS = 1_500;
const MIN_MOVE_PX = 40;

/**
 * Every player holds a direction (towards the middle) for a while; returns what went wrong if some
 * page did not see some player move (undefined when every page saw every player move).
 * `advance` runs the simulation for that long.
 */
export async function findStillPlayer(
  pages: readonly Match<TagWorld>[],
  players: readonly SimulatedPlayer<TagWorld>[],
  advance: (ms: number) => Promise<void>,
  nameOf: NameOf,
): Promise<string | undefined> {
  const before = new Map<string, Map<string, number>>();
  for (const page of pages) before.set(page.selfId, new Map(page.players().map((p) => [p.peerId, p.x])));
  for (const player of players) {
    const self = player.match?.players().find((p) => p.isSelf);
    player.input = self && self.x > 480 ? Button.Left : Button.Right;
  }
  await advance(MOVE_MS);
  for (const page of pages) {
    for (const player of players) {
      const id = player.match?.selfId ?? '';
      const from = before.get(page.selfId)?.get(id);
      const to = page.players().find((p) => p.peerId === id)?.x;
      if (from !== undefined && to !== undefined && Math.abs(to - from) >= MIN_MOVE_PX) continue;
      const own = player.match?.players().find((p) => p.isSelf)?.x;
      const itself = `from ${String(before.get(id)?.get(id))} to ${String(own)}, hidden ${String(player.hidden)}, input ${player.input}`;
      const replication = `replication ${JSON.stringify(page.replicationStats)}, dropped ${JSON.stringify(page.dropped)}`;
      return `${nameOf(page.selfId)} saw ${player.name} go from ${String(from)} to ${String(to)} (${player.name} itself: ${itself}; ${nameOf(page.selfId)}'s ${replication}) | ${describeWorlds(pages, nameOf)}`;
    }
  }
  for (const player of players) player.input = 0;
  return undefined;
}
