/** A player position in pixels, as the view draws it. */
export interface RenderPlayer {
  readonly slot: number;
  readonly x: number;
  readonly y: number;
}

/** A decoded snapshot in pixel units, kept by clients for interpolation. */
export interface Snapshot {
  readonly tick: number;
  readonly players: ReadonlyMap<number, RenderPlayer>;
}
