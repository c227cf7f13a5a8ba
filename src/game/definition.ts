import { DEFAULT_MAX_PLAYERS, MIN_PLAYERS } from '../protocol/player-count.js';
import { MAX_SLOTS } from '../protocol/peer-messages.js';
import type { FieldSpec, PositionFieldSpec } from '../replication/schema.js';

/** A point in arena pixels. */
export interface Position {
  readonly x: number;
  readonly y: number;
}

/**
 * A game's replicated entity fields by name, in a fixed order (at most 16). `x` and `y` must be
 * positions: the engine interpolates them, predicts the own player's, and rewinds them for hit tests.
 */
export type GameFields = Readonly<Record<string, FieldSpec>> & { readonly x: PositionFieldSpec; readonly y: PositionFieldSpec };

/**
 * One replicated entity as every peer reads it back: its id and one number per field of the
 * game, each present (0 where the game did not set it). Ids below the game's `maxPlayers` are the
 * players' entities (the id is the player's slot); a game numbers its other entities (pickups,
 * shots, a scoreboard) from `maxPlayers` up.
 * A field the game did not declare is a compile error, not a silent 0.
 */
export type EntityOf<Fields extends GameFields> = { readonly id: number } & { readonly [Name in keyof Fields]: number };

/**
 * An entity as a game's `capture` writes it: its id, `x`, `y`, and whichever other fields it uses
 * (the rest travel as 0 and cost nothing after the entity's first snapshot).
 */
export type CapturedEntity<Fields extends GameFields> = { readonly id: number; readonly x: number; readonly y: number } & {
  readonly [Name in Exclude<keyof Fields, 'id' | 'x' | 'y'>]?: number;
};

/** Any game's entity, as the engine handles it without knowing the game's fields. */
export type Entity = EntityOf<GameFields>;

/** The world everyone draws at one tick, handed to a successor host to resume from. */
export interface WorldView<Fields extends GameFields = GameFields> {
  readonly tick: number;
  readonly entities: readonly EntityOf<Fields>[];
}

/**
 * What the host's step may ask the engine. Hits are judged against the world as the shooter saw
 * it (lag compensation): clients draw others ~100 ms in the past, so testing a shot against the
 * host's present would miss every moving target.
 */
export interface StepContext {
  /** The tick being simulated (the first host starts at 0; successors continue the count). */
  readonly tick: number;
  /** Each player's input for this tick, by slot; a player without an entry sent nothing yet. */
  readonly inputs: ReadonlyMap<number, number>;
  /** Slots of the players in the game now. */
  readonly slots: readonly number[];
  /**
   * True once the host pressed Start in the waiting room (the lobby's word; it stays true). A game
   * may use the time before for a warm-up, or ignore it.
   */
  readonly started: boolean;
  /**
   * The first player (other than `shooter`) that a ray from `origin` along `angle` (radians)
   * would meet within `range`, each player being a circle of `radius`, as the shooter saw them.
   */
  rayHit(shooter: number, origin: Position, angle: number, range: number, radius: number): { slot: number; distance: number } | undefined;
  /** The nearest player (other than `shooter`) within `radius` of `point`, as the shooter saw them (a blast, a melee swing). */
  hitAt(shooter: number, point: Position, radius: number): number | undefined;
}

/**
 * Whether one entity goes to one viewer: `'always'` (a scoreboard, whatever the distance),
 * `'never'` (hidden state: fog of war, another team's secret; it never leaves the host for this
 * viewer, not in a full snapshot either), or `'near'` (the interest radius decides; with no radius,
 * or for a spectator, who has no player, it goes).
 */
export type Visibility = 'always' | 'never' | 'near';

/**
 * What each player's page is sent (interest management). The host sends every peer only the
 * entities relevant to it; the nearer ones first when a snapshot cannot hold every change. The
 * viewer's own player always goes. A successor host knows only what it was sent, so an entity it
 * never saw is gone after a host change unless `restore` makes it anew.
 */
export interface InterestRules<Fields extends GameFields> {
  /** Entities farther than this (arena pixels) from the viewer's player are not sent to it. */
  readonly radius?: number;
  /**
   * Decides per entity and viewer, before the radius. `viewer` is the viewer's own player
   * entity, undefined for a spectator (who may be anyone: a player's second tab, too). Runs on
   * the host for every entity and peer of every snapshot: keep it cheap.
   */
  visibility?(entity: EntityOf<Fields>, viewer: EntityOf<Fields> | undefined): Visibility;
}

/**
 * A game, as the engine runs it: the replicated schema, the host's rules and the client's
 * prediction. Everything here is pure data and functions over the game's own `State`, so the
 * same definition runs on whichever peer hosts, and a host can be replaced mid-game: the
 * successor rebuilds the state from what every peer draws (`restore`).
 */
export interface GameDefinition<State, Fields extends GameFields = GameFields> {
  /** Shown in the lobby; also the key of the game when a page offers several. */
  readonly name: string;
  /** Arena size in pixels: position fields are quantized inside it. */
  readonly arena: { readonly width: number; readonly height: number };
  /**
   * The most players one game of it holds, 2 to 16 (default 8): the start page offers up to this
   * many, and the host gives slots 0 to maxPlayers − 1. Up to 8 spectators watch on top.
   */
  readonly maxPlayers?: number;
  /**
   * The replicated fields of every entity (see GameFields). Entities that do not use a field
   * leave it 0, which costs nothing on the wire. `defineGame` infers every entity type of the
   * game from it.
   */
  readonly fields: Fields;
  /** A player's input is a small integer below 2^16 (buttons, an aim angle…); others are refused. */
  isValidInput(input: number): boolean;
  createState(): State;
  /**
   * A player enters in `slot`. `previous` is its entity as it was when the same peer left less
   * than the grace period ago (a reload, a dropped connection): put it back as it was.
   */
  addPlayer(state: State, slot: number, previous?: EntityOf<Fields>): void;
  removePlayer(state: State, slot: number): void;
  /** Advances the state by one fixed tick (the engine runs 60 per second on the host). */
  step(state: State, context: StepContext): void;
  /** Where a player's entity is now, for lag compensation; undefined when it has none. */
  playerPosition(state: State, slot: number): Position | undefined;
  /**
   * Hands every entity to replicate now to `emit` (ids unique, players' ids = their slots). An
   * entity literal passed to `emit` is checked against the game's fields: a misspelled one does
   * not compile.
   */
  capture(state: State, emit: (entity: CapturedEntity<Fields>) => void): void;
  /** Rebuilds a state from what everyone draws, for a peer that takes over as host. */
  restore(view: WorldView<Fields>): State;
  /**
   * The own player's movement for one tick of input, the same rule the host's step applies, so
   * the local player moves at once and rarely needs correcting. Without it, the own player is
   * drawn like everyone else, a little in the past.
   */
  predict?(self: EntityOf<Fields>, input: number): Position;
  /** Who is sent what (interest management); without it every peer gets every entity. */
  readonly interest?: InterestRules<Fields>;
}

/**
 * Checks a definition once, so mistakes surface when the game is declared, not mid-match. The
 * game's entity types come from its `fields`: a field misspelled in `capture`, `restore`,
 * `addPlayer` or `predict` (and in the view, see GameView) does not compile.
 */
export function defineGame<State, const Fields extends GameFields>(definition: GameDefinition<State, Fields>): GameDefinition<State, Fields> {
  // The types demand both; this catches a game written in JavaScript, or cast its way past them.
  const declared: Readonly<Record<string, FieldSpec | undefined>> = definition.fields;
  if (declared['x']?.kind !== 'position' || declared['y']?.kind !== 'position') throw new Error(`${definition.name}: fields must include x and y positions`);
  if (!(definition.arena.width > 0 && definition.arena.height > 0)) throw new Error(`${definition.name}: the arena needs a size`);
  const maxPlayers = definition.maxPlayers ?? DEFAULT_MAX_PLAYERS;
  if (!Number.isInteger(maxPlayers) || maxPlayers < MIN_PLAYERS || maxPlayers > MAX_SLOTS) throw new Error(`${definition.name}: maxPlayers must be a whole number from ${MIN_PLAYERS} to ${MAX_SLOTS}`);
  const radius = definition.interest?.radius;
  if (radius !== undefined && !(radius > 0)) throw new Error(`${definition.name}: interest.radius must be a positive distance`);
  return definition;
}
