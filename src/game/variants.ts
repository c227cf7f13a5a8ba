import { DEFAULT_VARIANT, VARIANT_ID_PATTERN } from '../protocol/variant-id.js';
import { fail, ok, type Result } from '../util/result.js';
import type { GameDefinition, GameFields } from './definition.js';

/**
 * One version of a game that a host may choose when creating a game of it: a larger arena, other
 * rules. A variant is a whole definition, because what it changes (the arena's size, and so the
 * positions' width on the wire; the interest rules) must be the same on every page of the match:
 * the lobby carries the chosen id to everyone who enters, and each page runs its own definition
 * of that id.
 */
export interface GameVariant<State, Fields extends GameFields = GameFields> {
  /** How the lobby names it: 1 to 16 of a–z, 0–9 and '-', unique within the game. */
  readonly id: string;
  /** What the host's form and the invite page show, e.g. "Large arena (16 players)". */
  readonly label: string;
  readonly game: GameDefinition<State, Fields>;
}

/**
 * A game as a page offers it: one definition, or its variants (the first is the default, the one
 * a game created without a choice runs). Every variant has the same `State` and `Fields` types,
 * so one view draws them all.
 */
export type GameOffer<State, Fields extends GameFields = GameFields> = GameDefinition<State, Fields> | readonly GameVariant<State, Fields>[];

/**
 * Checks a game's variants once, when the page declares them: at least one, ids of the right form
 * and unique, labels not empty, and one game name for all (the lobby lists the game by it).
 */
export function defineVariants<State, Fields extends GameFields>(variants: readonly GameVariant<State, Fields>[]): readonly GameVariant<State, Fields>[] {
  const first = variants[0] ?? failEmpty();
  const seen = new Set<string>();
  for (const { id, label, game } of variants) {
    if (!VARIANT_ID_PATTERN.test(id)) throw new Error(`${game.name}: variant id "${id}" must be 1 to 16 of a-z, 0-9 and '-'`);
    if (seen.has(id)) throw new Error(`${game.name}: two variants have the id "${id}"`);
    if (label.trim() === '') throw new Error(`${game.name}: variant "${id}" needs a label`);
    if (game.name !== first.game.name) throw new Error(`variant "${id}" is game "${game.name}", not "${first.game.name}": variants are versions of one game`);
    seen.add(id);
  }
  return variants;
}

/** The offer's variants: a lone definition is the one default variant, labelled with its name. */
export function variantsOf<State, Fields extends GameFields>(offer: GameOffer<State, Fields>): readonly GameVariant<State, Fields>[] {
  return isVariantList(offer) ? offer : [{ id: DEFAULT_VARIANT, label: offer.name, game: offer }];
}

/** The offer's default definition: what the page shows before it is in a game, and what a host gets without a choice. */
export function defaultGame<State, Fields extends GameFields>(offer: GameOffer<State, Fields>): GameDefinition<State, Fields> {
  return isVariantList(offer) ? (offer[0] ?? failEmpty()).game : offer;
}

/**
 * The definition of variant `id` as the lobby named it ('' is the default); a clear refusal when
 * this page has no such variant (it runs an older or newer build of the game than the host's).
 */
export function chooseVariant<State, Fields extends GameFields>(offer: GameOffer<State, Fields>, id: string): Result<GameDefinition<State, Fields>> {
  if (id === DEFAULT_VARIANT) return ok(defaultGame(offer));
  const found = variantsOf(offer).find((variant) => variant.id === id);
  if (found) return ok(found.game);
  return fail(`This game is played in the "${id}" version of ${defaultGame(offer).name}, which this page does not have: reload the page to get the game's newest version.`);
}

function isVariantList<State, Fields extends GameFields>(offer: GameOffer<State, Fields>): offer is readonly GameVariant<State, Fields>[] {
  return Array.isArray(offer);
}

function failEmpty(): never {
  throw new Error('a game needs at least one variant');
}
