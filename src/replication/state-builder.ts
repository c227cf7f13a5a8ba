import { allocateState, type QuantizedState } from './quantized-state.js';
import type { SnapshotSchema } from './schema.js';

/**
 * Builds a QuantizedState field by field, quantizing as it goes. This is the fast path for a
 * host's per-snapshot capture: the game writes `set(FIELD, entity.x)` with constant field
 * indices, so nothing is looked up by name. Entities may come in any order; ids must be unique.
 *
 *   builder.start(tick);
 *   for (const e of world) { builder.entity(e.id); builder.set(0, e.x); builder.set(1, e.y); }
 *   const state = builder.finish();
 */
export class StateBuilder {
  private ids: Uint32Array;
  private values: Int32Array;
  private count = 0;
  private tick = 0;
  private sorted = true;
  /** Where the current entity's row starts in `values`. */
  private rowStart = 0;
  private readonly fieldCount: number;
  // The schema's per-field arrays, held directly: `set` runs for every field of every entity.
  private readonly maxValue: Float64Array;
  private readonly scale: Float64Array;
  private readonly offset: Float64Array;
  private readonly isAngle: Uint8Array;

  constructor(schema: SnapshotSchema, initialCapacity = 64) {
    this.fieldCount = schema.bits.length;
    this.maxValue = schema.maxValue;
    this.scale = schema.scale;
    this.offset = schema.offset;
    this.isAngle = schema.isAngle;
    this.ids = new Uint32Array(initialCapacity);
    this.values = new Int32Array(initialCapacity * this.fieldCount);
  }

  /** Begins a new state; the previous one returned by finish() stays valid. */
  start(tick: number): void {
    this.tick = tick;
    this.count = 0;
    this.sorted = true;
  }

  /** Starts the next entity; its fields default to 0 until set. */
  entity(id: number): void {
    if (this.count === this.ids.length) this.grow();
    if (this.count > 0 && (this.ids[this.count - 1] ?? 0) >= id) this.sorted = false;
    this.ids[this.count] = id;
    // A loop, not `fill`: for a handful of fields the builtin's call costs more than the stores.
    const start = this.count * this.fieldCount;
    this.rowStart = start;
    for (let f = start; f < start + this.fieldCount; f += 1) this.values[f] = 0;
    this.count += 1;
  }

  /**
   * Sets field `f` of the current entity from a game value: clamped into range, or wrapped
   * around for angles (a turn is a power of two steps, so wrapping is a bit mask, also for
   * negative angles).
   */
  set(f: number, value: number): void {
    const max = this.maxValue[f] ?? 0;
    const stored = Math.round(value * (this.scale[f] ?? 0)) + (this.offset[f] ?? 0);
    this.values[this.rowStart + f] = this.isAngle[f] === 1 ? stored & max : stored < 0 ? 0 : stored > max ? max : stored;
  }

  /** The finished state, sorted by id; a copy, so the builder can be reused. */
  finish(): QuantizedState {
    const { ids, values } = allocateState(this.count, this.fieldCount);
    ids.set(this.ids.subarray(0, this.count));
    values.set(this.values.subarray(0, this.count * this.fieldCount));
    return this.sorted ? { tick: this.tick, ids, values } : sortById(this.tick, ids, values, this.fieldCount);
  }

  private grow(): void {
    const ids = new Uint32Array(this.ids.length * 2);
    ids.set(this.ids);
    const values = new Int32Array(this.values.length * 2);
    values.set(this.values);
    this.ids = ids;
    this.values = values;
  }
}

function sortById(tick: number, ids: Uint32Array, values: Int32Array, fieldCount: number): QuantizedState {
  const order = Array.from(ids.keys()).sort((a, b) => (ids[a] ?? 0) - (ids[b] ?? 0));
  const { ids: sortedIds, values: sortedValues } = allocateState(ids.length, fieldCount);
  order.forEach((from, to) => {
    sortedIds[to] = ids[from] ?? 0;
    sortedValues.set(values.subarray(from * fieldCount, (from + 1) * fieldCount), to * fieldCount);
  });
  return { tick, ids: sortedIds, values: sortedValues };
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
