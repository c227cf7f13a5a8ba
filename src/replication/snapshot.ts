import type { Entity } from '../game/definition.js';

/** A decoded snapshot in game units, kept by clients for interpolation. */
export interface Snapshot {
  readonly tick: number;
  readonly entities: ReadonlyMap<number, Entity>;
}
