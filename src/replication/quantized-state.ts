import type { SnapshotSchema } from './schema.js';
import { StateBuilder } from './state-builder.js';

/**
 * One tick of the replicated world in wire units: entity ids in ascending order and their
 * quantized field values, row by row. Flat typed arrays keep diffing and encoding cache-friendly
 * and allocation-free per entity.
 */
export interface QuantizedState {
  readonly tick: number;
  readonly ids: Uint32Array;
  /** `ids.length × fieldCount` values; entity i's field f is at `i * fieldCount + f`. */
  readonly values: Int32Array;
}

/**
 * An entity as a game hands it to the engine: its id and one number per schema field, by name,
 * on the same flat object (usually the game's own entity record, so nothing is copied).
 * A missing field counts as 0.
 */
export type EntityInput = { readonly id: number } & { readonly [field: string]: number | undefined };

/**
 * Quantizes a list of entities (any order, unique ids) into a state sorted by id. Convenient
 * where fields are addressed by name; hot paths use StateBuilder with field indices.
 */
export function quantizeEntities(schema: SnapshotSchema, tick: number, entities: readonly EntityInput[]): QuantizedState {
  const builder = new StateBuilder(schema, Math.max(1, entities.length));
  builder.start(tick);
  for (const entity of entities) {
    builder.entity(entity.id);
    schema.names.forEach((name, f) => builder.set(f, entity[name] ?? 0));
  }
  return builder.finish();
}

/** The state with no entities, used as the baseline of a full snapshot. */
export function emptyState(tick = -1): QuantizedState {
  return { tick, ids: new Uint32Array(0), values: new Int32Array(0) };
}
