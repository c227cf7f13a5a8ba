import type { SnapshotSchema } from './schema.js';
import { quantize } from './schema.js';

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

/** An entity as a game hands it to the engine: an id and one value per schema field, by name. */
export interface EntityInput {
  readonly id: number;
  readonly fields: Readonly<Record<string, number>>;
}

/** Quantizes a list of entities (any order) into a state sorted by id. */
export function quantizeEntities(schema: SnapshotSchema, tick: number, entities: readonly EntityInput[]): QuantizedState {
  const sorted = [...entities].sort((a, b) => a.id - b.id);
  const fieldCount = schema.fields.length;
  const ids = new Uint32Array(sorted.length);
  const values = new Int32Array(sorted.length * fieldCount);
  sorted.forEach((entity, row) => {
    ids[row] = entity.id;
    schema.fields.forEach((field, column) => {
      values[row * fieldCount + column] = quantize(field, entity.fields[field.name] ?? 0);
    });
  });
  return { tick, ids, values };
}

/** The state with no entities, used as the baseline of a full snapshot. */
export function emptyState(tick = -1): QuantizedState {
  return { tick, ids: new Uint32Array(0), values: new Int32Array(0) };
}
