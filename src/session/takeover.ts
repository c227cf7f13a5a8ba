import type { RosterEntry } from '../protocol/peer-messages.js';
import type { Position } from '../replication/prediction.js';
import { removePlayer, createWorld, type World, type WorldConfig } from '../sim/world.js';
import type { ClientSession } from './client-session.js';
import { restoreWorld, worldSchema } from './world-replication.js';

/** What a client hands to the HostSession it turns into. */
export interface Succession {
  readonly world: World;
  readonly hostSlot: number;
  readonly restoredTick: number;
  /** Players whose peers are still linked: they keep their slots. */
  readonly reserved: readonly RosterEntry[];
}

/**
 * Turns what a client knows into a host's starting point: the newest world it decoded, moved to
 * the current tick of the timeline (so every peer's clock keeps running), with every player
 * (ourselves included) where every peer is drawing it right now, and the players of departed
 * peers removed. The other survivors draw with about the same delay, so they see the players
 * pause briefly, never jump; only our own view of ourselves corrects (prediction ran ahead).
 */
export function prepareSuccession(
  client: ClientSession,
  config: WorldConfig,
  selfId: string,
  alive: (peerId: string) => boolean,
): Succession {
  const state = client.newestState;
  const world = state ? restoreWorld(config, worldSchema(config), state) : createWorld(config);
  world.tick = Math.max(world.tick, client.estimatedHostTick ?? 0);
  const roster = client.roster;
  for (const entry of roster) {
    if (entry.peerId !== selfId && !alive(entry.peerId)) removePlayer(world, entry.slot);
  }
  const hostSlot = client.slot ?? freeSlot(roster, world);
  for (const shown of client.sharedView()) placePlayer(world, shown.slot, shown);
  return {
    world,
    hostSlot,
    restoredTick: state?.tick ?? -1,
    reserved: roster.filter((entry) => entry.peerId !== selfId && alive(entry.peerId)),
  };
}

function placePlayer(world: World, slot: number, position: Position | undefined): void {
  const player = world.players.get(slot);
  if (!player || !position) return;
  player.x = position.x;
  player.y = position.y;
}

/** A slot no one holds, in the roster or in the world (a client may not have its roster yet). */
function freeSlot(roster: readonly RosterEntry[], world: World): number {
  const used = new Set([...roster.map((entry) => entry.slot), ...world.players.keys()]);
  let slot = 0;
  while (used.has(slot)) slot += 1;
  return slot;
}
