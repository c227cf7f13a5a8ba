import type * as Phaser from 'phaser';
import type { EntityOf, GameFields } from '../game/definition.js';
import type { RosterEntry } from '../protocol/peer-messages.js';
import type { MatchPlayer, MatchRole, MatchStatus } from '../session/match.js';
import type { Controls } from './controls.js';

/** What a game's view gets to draw each frame, for a game with fields `Fields`. */
export interface RenderFrame<Fields extends GameFields = GameFields> {
  /** Every entity, others interpolated a little in the past, our own player predicted. */
  readonly entities: readonly EntityOf<Fields>[];
  /** The players among them, with names; `isSelf` marks ours. */
  readonly players: readonly MatchPlayer[];
  /**
   * Every player in the game, in sight or not: with interest management a page is sent only the
   * entities near its player, so `players` lacks the far ones (a scoreboard lists these).
   */
  readonly roster: readonly RosterEntry[];
  readonly selfSlot: number | undefined;
  readonly role: MatchRole;
  readonly status: MatchStatus;
  /** Round-trip time to each peer we have a link to, by peer id, in ms. */
  readonly rttMs: ReadonlyMap<string, number>;
}

/**
 * A game's render hooks and input mapping: the only browser-side code a game writes. The engine
 * owns Phaser's boot, the scene and its loop; the view draws what the frame says and keeps no
 * game state of its own. `Fields` is the game's (`typeof game.fields`): entities read in `draw`
 * and `readInput` have exactly those fields.
 */
export interface GameView<Fields extends GameFields = GameFields> {
  /** The game's name as players see it: the start page's heading (the page's title if omitted). */
  readonly title?: string;
  /** The `KeyboardEvent.code`s the game reads (they stop scrolling the page while held). */
  readonly keys: readonly string[];
  /**
   * The game aims with the pointer (mouse position, click to act). On touch screens a tap then
   * aims at the spot and acts; without it every touch steers (see TouchControls).
   */
  readonly aimsWithPointer?: boolean;
  /** Background colour of the arena, e.g. `#11141b`. */
  readonly background?: string;
  /** Before the scene starts: queue the game's files (`scene.load.image(…)`); create runs once they are in. */
  preload?(scene: Phaser.Scene): void;
  /** Once, when the scene starts: make textures, draw the floor. */
  create(scene: Phaser.Scene): void;
  /** Every frame: create, move or remove what the frame shows. */
  draw(scene: Phaser.Scene, frame: RenderFrame<Fields>): void;
  /**
   * This tick's input from the held controls, packed into one number below 2^16. `self` is our
   * own entity as last drawn (for aiming relative to it).
   */
  readInput(controls: Controls, self: EntityOf<Fields> | undefined): number;
}
