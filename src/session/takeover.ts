import type { Entity, GameDefinition } from '../game/definition.js';
import type { RosterEntry } from '../protocol/peer-messages.js';
import type { ClientSession } from './client-session.js';
import { departedEntity } from './departed-players.js';

/** What a client hands to the HostSession it turns into. */
export interface Succession<State> {
  readonly state: State;
  readonly tick: number;
  readonly hostSlot: number;
  readonly restoredTick: number;
  /** Players whose peers are still linked: they keep their slots. */
  readonly reserved: readonly RosterEntry[];
  /** Players whose peers are gone for now (a reload, a crash): their slots and entities wait for them. */
  readonly departed: readonly DepartedPlayer[];
}

/** A player who left, with the slot and the entity it comes back to. */
export interface DepartedPlayer {
  readonly peerId: string;
  readonly slot: number;
  /** Undefined when no snapshot had drawn it yet: its slot still waits, its entity starts fresh. */
  readonly entity: Entity | undefined;
}

/**
 * Turns what a client knows into a host's starting point: the world as every peer is drawing it
 * right now (the other survivors draw with about the same delay, so they see the game pause
 * briefly, never jump; only our own view of ourselves corrects, as prediction ran ahead), at the
 * current tick of the timeline (so every peer's clock keeps running), without the players of
 * departed peers.
 */
export function prepareSuccession<State>(
  client: ClientSession<State>,
  game: GameDefinition<State>,
  selfId: string,
  alive: (peerId: string) => boolean,
): Succession<State> {
  const newest = client.newestState;
  const tick = Math.max(newest?.tick ?? 0, client.estimatedHostTick ?? 0);
  // A page back from a reload that takes over before its host admitted it again finds itself
  // among the players the host waited for: it plays on in that slot, with that entity.
  const waitedFor = client.departed.find((entry) => entry.peerId === selfId);
  const roster = client.slot === undefined && waitedFor ? [...client.roster, { slot: waitedFor.slot, peerId: selfId, name: '' }] : client.roster;
  const entities = withEveryPlayer(client.sharedView(), roster, (peerId, slot) => client.newestEntities().get(slot) ?? client.lastKnownEntity(peerId, slot));
  const state = game.restore({ tick, entities });
  // The old host's own waiting list first, then the players whose links closed with it.
  const departed: DepartedPlayer[] = client.departed
    .filter((entry) => entry.peerId !== selfId)
    .map(({ slot, peerId, entity }) => ({ peerId, slot, entity: departedEntity(entity, slot) }));
  for (const entry of roster) {
    if (entry.peerId === selfId || alive(entry.peerId)) continue;
    // Its slot waits for it even if no snapshot had drawn it yet (it entered moments before).
    departed.push({ peerId: entry.peerId, slot: entry.slot, entity: entities.find((candidate) => candidate.id === entry.slot) });
    game.removePlayer(state, entry.slot);
  }
  return {
    state,
    tick,
    hostSlot: client.slot ?? waitedFor?.slot ?? freeSlot(roster, game, state),
    restoredTick: newest?.tick ?? -1,
    reserved: roster.filter((entry) => entry.peerId !== selfId && alive(entry.peerId)),
    departed,
  };
}

/**
 * The world everyone draws is a little in the past: a player who (re)entered within that delay
 * is listed in the roster but not drawn yet. It keeps its entity (position, score), from the
 * newest snapshot or from when it last left, instead of starting over at its spawn point.
 */
function withEveryPlayer(drawn: readonly Entity[], roster: readonly RosterEntry[], known: (peerId: string, slot: number) => Entity | undefined): Entity[] {
  const entities = [...drawn];
  for (const { peerId, slot } of roster) {
    if (entities.some((entity) => entity.id === slot)) continue;
    const entity = known(peerId, slot);
    if (entity) entities.push(entity);
  }
  return entities;
}

/** A slot no one holds, in the roster or in the game (a client may not have its roster yet). */
function freeSlot<State>(roster: readonly RosterEntry[], game: GameDefinition<State>, state: State): number {
  const used = new Set(roster.map((entry) => entry.slot));
  let slot = 0;
  while (used.has(slot) || game.playerPosition(state, slot)) slot += 1;
  return slot;
}
