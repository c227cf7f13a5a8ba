/**
 * The scene event a view's floor (drawGridFloor) listens to: the match runs in an arena of
 * another size than the canvas (a game's larger variant); its argument is `{ width, height }` in
 * arena pixels. Its own module, without Phaser, so a game's view can import it up front.
 */
export const ARENA_RESIZED = 'hostmesh-arena-resized';

/** An arena's size in pixels. */
export interface ArenaBox {
  readonly width: number;
  readonly height: number;
}
